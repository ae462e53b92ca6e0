// The shape the Studio's placeholders take while a run is under way: the size asked for, else the aspect ratio, else
// an edit's first reference; none when the model chooses.
import { strict as assert } from 'node:assert';
import { expectedShape } from '../../src/extension/studio/expectedShape';
import type { Reference } from '../../src/extension/studio/studioStore';

const ref = (path: string, width?: number, height?: number): Reference => ({
  path,
  view: { id: path, name: path, label: path, src: `file://${path}`, width, height },
});

describe('expected shape of a run', () => {
  it('follows the size, then the aspect ratio, then the first reference', () => {
    assert.deepEqual(expectedShape({ size: '1536x1024' }, [], []), { aspect: 1.5 });
    assert.deepEqual(expectedShape({ aspectRatio: '9:16' }, [], []), { aspect: 9 / 16 });
    const refs = [ref('/w/a.png', 800, 400), ref('/w/b.png', 100, 100)];
    assert.deepEqual(expectedShape({}, ['/w/a.png', '/w/b.png'], refs), { aspect: 2 });
    assert.deepEqual(expectedShape({ size: '1024x1024' }, ['/w/a.png'], refs), { aspect: 1 });
  });

  it('says nothing when the model chooses or nothing is known', () => {
    assert.deepEqual(expectedShape({ size: 'auto' }, [], []), {});
    assert.deepEqual(expectedShape({}, ['/w/unknown.png'], []), {});
    assert.deepEqual(expectedShape({ size: '0x100' }, [], []), {});
    assert.deepEqual(expectedShape({}, ['/w/a.png'], [ref('/w/a.png')]), {});
  });
});
