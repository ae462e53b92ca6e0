// Edit Image: references (several), an optional mask, results beside the original as new files, the original
// untouched, and non-image or oversized inputs refused before anything is sent.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readProvenanceFromFile } from '../../../src/core/provenance';
import { Commands } from '../../../src/extension/ids';
import type { ImageCommandResult } from '../../../src/extension/imageJob';
import { FakeLitellm } from '../../fixtures/fakeLitellm';
import { encodePng } from '../../fixtures/png';
import { readPngSize } from '../../fixtures/readPng';
import { edit, freshFolder, listFiles, withFakeProxy } from '../support';

function png(width: number, height: number, alpha: number): Buffer {
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.writeUInt32BE(0x4080c000 | alpha, i * 4);
  return encodePng(width, height, rgba);
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Image calls only: a background key-info refresh from an earlier test may still arrive. */
const imageCalls = (fake: FakeLitellm) => fake.requests.filter((q) => q.method === 'POST').length;

describe('Edit Image', () => {
  const proxy = withFakeProxy();
  let folder: string;
  let photo: string;
  let second: string;
  let mask: string;

  beforeEach(async () => {
    folder = await freshFolder('edit');
    photo = path.join(folder, 'Photo 1.png');
    second = path.join(folder, 'style.png');
    mask = path.join(folder, 'mask.png');
    await fs.writeFile(photo, png(64, 48, 0xff));
    await fs.writeFile(second, png(32, 32, 0xff));
    await fs.writeFile(mask, png(64, 48, 0x00));
  });

  it('saves the result beside the original as a new file and leaves the original untouched', async () => {
    const before = sha(await fs.readFile(photo));
    const r = await edit({ images: [photo], mask, prompt: 'make the sky stormy', model: 'gpt-image-1' });
    assert.equal(r.status, 'done', r.error?.message);
    assert.equal(r.files.length, 1);
    assert.equal(path.dirname(r.files[0]!), folder);
    assert.match(path.basename(r.files[0]!), /^photo-1-make-the-sky-stormy\.png$/);
    assert.equal(sha(await fs.readFile(photo)), before, 'the original is unchanged');
    assert.ok(readPngSize(await fs.readFile(r.files[0]!)));
    const info = await readProvenanceFromFile(r.files[0]!);
    assert.equal(info?.operation, 'edit');
    assert.deepEqual(info?.references, ['Photo 1.png']);
    assert.equal(info?.mask, 'mask.png');
    const sent = proxy().requests.find((q) => q.path.endsWith('/images/edits'));
    assert.ok(sent?.files, 'a multipart request');
    assert.deepEqual(
      sent.files.map((f) => [f.field, f.sha256]),
      [
        ['image', before],
        ['mask', sha(await fs.readFile(mask))],
      ],
    );
    assert.deepEqual(sent.fields?.prompt, ['make the sky stormy']);
  });

  it('sends several selected images as several references (as the Explorer passes them)', async () => {
    const r = await vscode.commands.executeCommand<ImageCommandResult>(Commands.editImage, {
      images: [photo, vscode.Uri.file(second).toString()],
      prompt: 'combine',
      model: 'gpt-image-1',
    });
    assert.equal(r.status, 'done', r.error?.message);
    const sent = proxy().requests.find((q) => q.path.endsWith('/images/edits'));
    assert.equal(sent?.files?.filter((f) => f.field.startsWith('image')).length, 2);
  });

  it('refuses a file that is not an image, by name, before sending anything', async () => {
    const notes = path.join(folder, 'notes.png');
    await fs.writeFile(notes, '# not really a png\n');
    const r = await edit({ images: [notes], prompt: 'x' });
    assert.equal(r.status, 'failed');
    assert.equal(r.error?.kind, 'input');
    assert.match(r.error!.message, /notes\.png/);
    assert.match(r.error!.message, /PNG, JPEG or WebP/);
    assert.equal(imageCalls(proxy()), 0, 'nothing was sent');
  });

  it('refuses an oversized reference with the limit in the message', async () => {
    const big = path.join(folder, 'huge.png');
    const h = await fs.open(big, 'w');
    await h.truncate(51 * 1024 * 1024); // sparse: no 51 MB written to disk
    await h.close();
    const r = await edit({ images: [big], prompt: 'x' });
    assert.equal(r.error?.kind, 'input');
    assert.match(r.error!.message, /huge\.png.*51\.0 MB.*limit is 50 MB/);
    assert.equal(imageCalls(proxy()), 0, 'nothing was sent');
  });

  it('refuses a mask that is not a PNG', async () => {
    const jpegMask = path.join(folder, 'mask.jpg');
    await fs.writeFile(
      jpegMask,
      Buffer.from(
        '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
        'base64',
      ),
    );
    const r = await edit({ images: [photo], mask: jpegMask, prompt: 'x' });
    assert.equal(r.error?.kind, 'input');
    assert.match(r.error!.message, /mask/);
    assert.equal(imageCalls(proxy()), 0, 'nothing was sent');
  });

  it('refuses a missing file with its path', async () => {
    const r = await edit({ images: [path.join(folder, 'gone.png')], prompt: 'x' });
    assert.equal(r.error?.kind, 'input');
    assert.match(r.error!.message, /gone\.png" does not exist/);
  });

  it('keeps every earlier result: a second edit of the same image gets a new name', async () => {
    const a = await edit({ images: [photo], prompt: 'same edit', model: 'gpt-image-1' });
    const b = await edit({ images: [photo], prompt: 'same edit', model: 'gpt-image-1' });
    assert.notEqual(a.files[0], b.files[0]);
    const names = await listFiles(folder);
    assert.ok(names.includes(path.basename(a.files[0]!)) && names.includes(path.basename(b.files[0]!)));
  });
});
