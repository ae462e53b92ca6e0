import * as assert from 'node:assert/strict';
import { closest, editDistance } from '../../src/cli/suggest';

describe('flag suggestions (src/cli/suggest.ts)', () => {
  it('counts inserts, deletes, substitutions and swapped neighbours as one edit each', () => {
    assert.equal(editDistance('size', 'size'), 0);
    assert.equal(editDistance('sise', 'size'), 1);
    assert.equal(editDistance('szie', 'size'), 1);
    assert.equal(editDistance('siz', 'size'), 1);
    assert.equal(editDistance('sizes', 'size'), 1);
    assert.equal(editDistance('', 'out'), 3);
    assert.equal(editDistance('style', 'size'), 3);
  });

  it('suggests the closest flag only when it is close, else a unique beginning', () => {
    const flags = ['--size', '--style', '--model', '--fallback', '--out', '--output-format'];
    assert.equal(closest('--sise', flags), '--size');
    assert.equal(closest('--STYEL', flags), '--style');
    assert.equal(closest('--modle', flags), '--model');
    assert.equal(closest('--fall', flags), '--fallback');
    assert.equal(closest('--ou', flags), '--out', 'one edit from --out');
    assert.equal(closest('--outpu', flags), '--output-format');
    assert.equal(closest('--zzz', flags), undefined);
    assert.equal(closest('--x', flags), undefined, 'one letter is too little to guess from');
    assert.equal(closest(`--${'a'.repeat(10_000)}`, flags), undefined, 'long input is cut, not slow');
  });
});
