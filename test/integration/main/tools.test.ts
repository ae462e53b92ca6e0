// The language-model tools as VS Code's agents see them: listed in vscode.lm.tools with their schemas, and invoked
// through vscode.lm.invokeTool against the fake proxy, writing into the workspace and answering in text a model can
// act on (paths, or the plain message of what to change), with cancellation leaving no file.
import { strict as assert } from 'node:assert';
import * as os from 'node:os';
import * as path from 'node:path';
import * as jpegJs from 'jpeg-js';
import * as vscode from 'vscode';
import { encodePng } from '../../fixtures/png';
import { readPng } from '../../fixtures/readPng';
import {
  extensionApi,
  freshFolder,
  generate,
  imagePosts,
  listFiles,
  setSettings,
  waitFor,
  withFakeProxy,
  workspaceFolder,
} from '../support';
import { promises as fs } from 'node:fs';

const NAMES = ['litellm_edit_image', 'litellm_generate_image', 'litellm_list_image_models'];

function textOf(r: vscode.LanguageModelToolResult): string {
  return r.content
    .filter((p): p is vscode.LanguageModelTextPart => p instanceof vscode.LanguageModelTextPart)
    .map((p) => p.value)
    .join('\n');
}

/** The image parts of a tool result (revived across the extension host boundary, so by shape). */
function imagesOf(r: vscode.LanguageModelToolResult): { mimeType: string; data: Uint8Array }[] {
  return r.content.flatMap((p) => {
    const part = p as { mimeType?: unknown; data?: unknown };
    return typeof part.mimeType === 'string' &&
      part.mimeType.startsWith('image/') &&
      part.data instanceof Uint8Array
      ? [{ mimeType: part.mimeType, data: part.data }]
      : [];
  });
}

/** Width and height of a thumbnail, decoded by pngjs or jpeg-js (not by the product's own code). */
function decodedSize(img: { mimeType: string; data: Uint8Array }): [number, number] {
  if (img.mimeType === 'image/png') {
    const d = readPng(img.data);
    return [d.width, d.height];
  }
  assert.equal(img.mimeType, 'image/jpeg');
  const d = jpegJs.decode(img.data, { useTArray: true });
  return [d.width, d.height];
}

function invoke(name: string, input: object, token?: vscode.CancellationToken) {
  return vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, token);
}

describe('language-model tools', () => {
  const proxy = withFakeProxy();

  it('are listed with their schemas', async () => {
    await waitFor('the tools registered', () =>
      NAMES.every((n) => vscode.lm.tools.some((t) => t.name === n)),
    );
    const ours = vscode.lm.tools.filter((t) => t.name.startsWith('litellm_'));
    assert.deepEqual(ours.map((t) => t.name).sort(), NAMES);
    const generate = ours.find((t) => t.name === 'litellm_generate_image')!;
    const schema = generate.inputSchema as { required?: string[]; properties?: Record<string, unknown> };
    assert.deepEqual(schema.required, ['prompt']);
    for (const key of ['size', 'quality', 'n', 'model', 'background', 'outputFormat', 'folder'])
      assert.ok(schema.properties && key in schema.properties, key);
    assert.match(generate.description, /LiteLLM proxy/);
  });

  it('generate writes into the workspace and answers with the workspace-relative paths', async () => {
    const folder = await freshFolder('tool-generate');
    const rel = path.relative(workspaceFolder(), folder);
    const r = await invoke('litellm_generate_image', {
      prompt: 'a hero image of a lighthouse',
      n: 2,
      folder: rel,
    });
    const text = textOf(r);
    assert.deepEqual(await listFiles(folder), [
      'a-hero-image-of-a-lighthouse-2.png',
      'a-hero-image-of-a-lighthouse.png',
    ]);
    assert.match(text, /Saved 2 image\(s\) with gpt-image-2/);
    assert.ok(text.includes(`${rel}/a-hero-image-of-a-lighthouse.png`), text);
    assert.equal(imagePosts(proxy()).length, 1);
  });

  it('answers with a thumbnail of at most 512 px and the size produced, naming the file as asked', async () => {
    const folder = await freshFolder('tool-thumbnail');
    const rel = path.relative(workspaceFolder(), folder);
    const input = { prompt: 'an open graph card', size: '1536x1024', fileName: 'og-card', folder: rel };
    const r = await invoke('litellm_generate_image', input);
    const images = imagesOf(r);
    assert.equal(images.length, 1, textOf(r));
    assert.deepEqual(decodedSize(images[0]!), [512, 341]);
    assert.ok(images[0]!.data.length <= 300_000, `${images[0]!.data.length} bytes`);
    assert.ok(textOf(r).includes(`${rel}/og-card.png (1536×1024, image/png)`), textOf(r));
    // The same name again is never overwritten.
    await invoke('litellm_generate_image', input);
    assert.deepEqual(await listFiles(folder), ['og-card-2.png', 'og-card.png']);
  });

  it('the confirmation names the model and its fallbacks, the size, the count and the folder', async () => {
    await setSettings({ 'image.model': 'gpt-image-2', 'image.fallbacks': ['dall-e-3'] });
    const api = await extensionApi();
    const c = await api.prepareTool('litellm_generate_image', {
      prompt: 'a hero image',
      size: '1536x1024',
      n: 3,
      folder: 'public/img',
    });
    assert.ok(c?.title && c.message && c.invocationMessage, JSON.stringify(c));
    assert.match(c.message, /gpt-image-2 \(then dall-e-3\)/);
    assert.match(c.message, /Size: 1536x1024/);
    assert.match(c.message, /Images: 3/);
    assert.match(c.message, /Saved into: public\/img/);
    assert.match(c.invocationMessage, /gpt-image-2/);
    // LiteLLM publishes no price for gpt-image-2: no estimate, rather than a guess or $0.
    assert.doesNotMatch(c.message, /Estimated cost/);
    // A model named in the call is the only one tried.
    const named = await api.prepareTool('litellm_edit_image', {
      prompt: 'x',
      references: ['a.png'],
      model: 'gpt-image-1',
    });
    assert.match(named?.message ?? '', /Model: gpt-image-1\n/);
  });

  it('the confirmation estimates the cost from the prices the proxy publishes', async () => {
    await setSettings({ 'image.model': 'gpt-image-1', 'image.fallbacks': [] });
    const api = await extensionApi();
    // gpt-image-1 is priced per output image token (4e-5 in /model/info): high quality 1024² is 4160 tokens.
    const high = await api.prepareTool('litellm_generate_image', {
      prompt: 'x',
      size: '1024x1024',
      quality: 'high',
      n: 2,
    });
    assert.match(high?.message ?? '', /Estimated cost: ≈ \$0\.3328, from the prices the proxy publishes/);
    // Quality left to the model: the range from its cheapest to its dearest choice.
    const auto = await api.prepareTool('litellm_generate_image', { prompt: 'x', size: '1024x1536' });
    assert.match(auto?.message ?? '', /Estimated cost: ≈ \$0\.0163–\$0\.2496/);
    // dall-e-3 by the pixel (3.81469e-8 per pixel): 1024×1792 is $0.0700.
    const dalle = await api.prepareTool('litellm_generate_image', {
      prompt: 'x',
      model: 'dall-e-3',
      size: '1024x1792',
    });
    assert.match(dalle?.message ?? '', /Estimated cost: ≈ \$0\.0700/);
    // A model the proxy does not list: no estimate.
    const unknown = await api.prepareTool('litellm_generate_image', { prompt: 'x', model: 'mystery' });
    assert.doesNotMatch(unknown?.message ?? '', /Estimated cost/);
  });

  it('bad input comes back as a message to act on, and nothing is sent', async () => {
    const before = imagePosts(proxy()).length;
    const empty = textOf(await invoke('litellm_generate_image', { prompt: '  ' }));
    assert.match(empty, /The image request failed: .*prompt is empty/);
    const size = textOf(
      await invoke('litellm_generate_image', { prompt: 'x', model: 'dall-e-3', size: '10x10' }),
    );
    assert.match(size, /dall-e-3 cannot make size "10x10"/);
    const outside = textOf(
      await invoke('litellm_edit_image', {
        prompt: 'x',
        references: ['../../outside.png'],
        model: 'gpt-image-1',
      }),
    );
    assert.match(outside, /outside\.png is outside the workspace: .*Nothing was sent/);
    // A folder from a model is confined too: an agent never writes outside the workspace.
    const escape = textOf(await invoke('litellm_generate_image', { prompt: 'x', folder: '../../escape' }));
    assert.match(escape, /escape is outside the workspace/);
    const absolute = textOf(await invoke('litellm_generate_image', { prompt: 'x', folder: '/tmp' }));
    assert.match(absolute, /tmp is outside the workspace/);
    // A link inside the workspace that leads out is refused as a link, and nothing is written where it points.
    const target = await fs.mkdtemp(path.join(os.tmpdir(), 'tool-link-target-'));
    const link = path.join(await freshFolder('tool-link'), 'out');
    await fs.symlink(target, link);
    const linked = textOf(
      await invoke('litellm_generate_image', {
        prompt: 'x',
        folder: path.relative(workspaceFolder(), link),
      }),
    );
    assert.match(linked, /out leads outside the workspace through a link/);
    assert.deepEqual(await fs.readdir(target), []);
    assert.equal(imagePosts(proxy()).length, before, 'nothing was sent');
    // A model the proxy does not know is only found out by asking: the proxy's refusal in words, and what to do.
    const unknown = textOf(await invoke('litellm_generate_image', { prompt: 'x', model: 'no-such-model' }));
    assert.match(unknown, /The proxy does not know the model "no-such-model" \(HTTP 400\)\. Pick one/);
    assert.doesNotMatch(unknown, /\{'error'|at \w+ \(|Error:/, 'no dict syntax, no stack trace');
  });

  it('edit sends a workspace reference and saves beside it', async () => {
    const folder = await freshFolder('tool-edit');
    await fs.writeFile(path.join(folder, 'photo.png'), encodePng(32, 32, Buffer.alloc(32 * 32 * 4, 90)));
    const rel = path.relative(workspaceFolder(), folder);
    const text = textOf(
      await invoke('litellm_edit_image', {
        prompt: 'add a hat',
        references: [`${rel}/photo.png`],
        model: 'gpt-image-1',
      }),
    );
    assert.match(text, /Saved 1 image\(s\) with gpt-image-1/);
    assert.deepEqual(await listFiles(folder), ['photo-add-a-hat.png', 'photo.png']);
  });

  it('cancelling mid-request leaves no file', async () => {
    const folder = await freshFolder('tool-cancel');
    proxy().failNext({ kind: 'delay', ms: 10_000 });
    const cts = new vscode.CancellationTokenSource();
    const pending = invoke(
      'litellm_generate_image',
      { prompt: 'slow', folder: path.relative(workspaceFolder(), folder) },
      cts.token,
    );
    await waitFor('the request reached the proxy', () => imagePosts(proxy()).length > 0);
    cts.cancel();
    const text = await Promise.resolve(pending).then(textOf, (e: unknown) => `rejected: ${String(e)}`);
    assert.match(text, /Cancel/i);
    assert.deepEqual(await listFiles(folder), []);
  });

  it('a failed tool call answers the agent without an error notification (a command call still shows one)', async () => {
    const window = vscode.window as { showErrorMessage: (...args: unknown[]) => unknown };
    const original = window.showErrorMessage;
    const shown: unknown[] = [];
    window.showErrorMessage = (...args: unknown[]) => {
      shown.push(args[0]);
      return Promise.resolve(undefined);
    };
    try {
      proxy().failNext({ kind: 'status', status: 429 });
      const text = textOf(await invoke('litellm_generate_image', { prompt: 'rate limited' }));
      assert.match(text, /Rate limit reached/);
      assert.deepEqual(shown, [], 'no notification for the tool');
      // The control: the same failure through the command pops up, so the spy sees notifications.
      proxy().failNext({ kind: 'status', status: 429 });
      await generate({ prompt: 'rate limited', folder: await freshFolder('tool-quiet') });
      assert.equal(shown.length, 1, 'the command notifies');
    } finally {
      window.showErrorMessage = original;
    }
  });

  it('lists the proxy models', async () => {
    const text = textOf(await invoke('litellm_list_image_models', {}));
    assert.match(text, /- gpt-image-2 \(generate, edit\)\n/);
    // Priced models say what one image would cost by the proxy's published prices.
    assert.match(text, /- gpt-image-1 \(generate, edit, estimated ≈ \$0\.0109–\$0\.2496 per image\)/);
    assert.match(text, /- dall-e-3 \(generate, estimated ≈ \$0\.0400–\$0\.0700 per image\)/);
  });
});
