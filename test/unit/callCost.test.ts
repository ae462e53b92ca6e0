// Honest cost: shares that add up to what the proxy charged, 0 or no header as unknown, usage summed over the
// requests of a call; checked in the arithmetic and through the CLI and the client against the fake proxy.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  addUsage,
  formatUsd,
  LiteLLMClient,
  parseSettings,
  readProvenanceFromFile,
  responseMeta,
  shareCost,
  sumCosts,
} from '../../src/core';
import { formatUsd as extensionFormatUsd } from '../../src/extension/costText';
import { FakeLitellm } from '../fixtures/fakeLitellm';
import { runCli } from '../fixtures/cliProcess';

const KEY = 'sk-master-test';
const units = (c: number) => Math.round(c * 1e10);

describe('honest cost', () => {
  it('shares add up exactly to the cost, whatever the count', () => {
    for (const [cost, count] of [
      [0.04, 3],
      [0.02186, 7],
      [1, 10],
      [0.0399999238144, 1],
    ] as const) {
      const shares = shareCost(cost, count);
      assert.equal(shares.length, count);
      assert.equal(
        shares.reduce((sum, s) => sum + units(s), 0),
        units(cost),
        `${count} shares of ${cost}`,
      );
    }
    assert.deepEqual(shareCost(0.04, 3), [0.0133333333, 0.0133333333, 0.0133333334]);
    assert.equal(sumCosts([0.04, undefined, 0.04]), 0.08);
    assert.equal(sumCosts([undefined]), undefined);
  });

  it('one dollar format for people: the core’s (MCP) and the extension’s copy agree', () => {
    for (const [value, text] of [
      [0.0133333333, '$0.0133'],
      [0.02186, '$0.0219'],
      [0.12, '$0.1200'],
      [0.99999, '$1.0000'],
      [1, '$1.00'],
      [12.345, '$12.35'],
    ] as const) {
      assert.equal(formatUsd(value), text, String(value));
      assert.equal(extensionFormatUsd(value), text, String(value));
    }
  });

  it('a cost header of 0, none, or a non-number is unknown', () => {
    for (const v of ['0', '0.0', '', 'free', undefined])
      assert.equal(responseMeta(v === undefined ? {} : { 'x-litellm-response-cost': v }).cost, undefined, v);
    assert.equal(responseMeta({ 'x-litellm-response-cost': '0.02186' }).cost, 0.02186);
  });

  it("sums the proxy's usage numbers over requests, keeping only numbers and bounded", () => {
    const one = { total_tokens: 564, input_tokens_details: { text_tokens: 20, image_tokens: 0 }, note: 'x' };
    assert.deepEqual(addUsage(one, one), {
      total_tokens: 1128,
      input_tokens_details: { text_tokens: 40, image_tokens: 0 },
    });
    assert.equal(addUsage(undefined, undefined), undefined);
    const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
    assert.equal(Object.keys(addUsage(wide, undefined)!).length, 32);
  });

  describe('against the fake proxy', function () {
    this.timeout(60_000);
    const fake = new FakeLitellm();
    let out: string;
    before(() => fake.start());
    beforeEach(async () => {
      fake.reset();
      fake.produce = {};
      out = await mkdtemp(path.join(tmpdir(), 'cost-'));
    });
    afterEach(() => rm(out, { recursive: true, force: true }));
    after(() => fake.stop());

    const client = (model: string) =>
      new LiteLLMClient(parseSettings({ baseUrl: fake.baseUrl, model, fallbacks: [] }), { apiKey: KEY });

    it('dall-e-3 × 3 is three requests; each image carries its own cost, the call their sum', async () => {
      const c = client('dall-e-3');
      try {
        const r = await c.generate({ prompt: 'three', options: { n: 3 } });
        assert.deepEqual(
          r.images.map((i) => i.cost),
          [0.04, 0.04, 0.04],
        );
        assert.equal(r.meta.cost, 0.12);
        assert.equal(r.meta.imagesWithoutCost, undefined);
      } finally {
        await c.dispose();
      }
    });

    it("the CLI's lines of one call add up to what the proxy charged, and the provenance keeps the usage", async () => {
      const r = await runCli(['generate', 'two jars', '--model', 'gpt-image-1', '--n', '2', '--out', out], {
        LITELLM_BASE_URL: fake.baseUrl,
        LITELLM_API_KEY: KEY,
      });
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { path: string; cost: number; callCost: number });
      const charged = 0.04372; // the fake's x-litellm-response-cost for two gpt-image-1 images (2 × 0.02186)
      assert.equal(lines.length, 2);
      assert.equal(units(lines[0]!.cost) + units(lines[1]!.cost), units(charged));
      assert.equal(lines[0]!.callCost, charged);
      const p = await readProvenanceFromFile(lines[0]!.path);
      assert.equal(p?.callCost, charged);
      assert.equal(p?.callImages, 2);
      assert.equal(typeof (p?.usage as { total_tokens?: unknown })?.total_tokens, 'number');
    });

    for (const [what, header] of [
      ['0', '0'],
      ['missing', null],
    ] as const)
      it(`a cost header that is ${what}: no cost in the CLI's line or the provenance`, async () => {
        fake.produce = { 'gpt-image-1': { cost: header } };
        const r = await runCli(['generate', 'free?', '--model', 'gpt-image-1', '--out', out], {
          LITELLM_BASE_URL: fake.baseUrl,
          LITELLM_API_KEY: KEY,
        });
        assert.equal(r.code, 0, r.stderr);
        const line = JSON.parse(r.stdout) as Record<string, unknown>;
        assert.ok(!('cost' in line), r.stdout);
        const p = await readProvenanceFromFile(String(line.path));
        assert.ok(p && !('cost' in p));
      });
  });
});
