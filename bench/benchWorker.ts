/**
 * One benchmark worker: runs a single client for a number of iterations in a fresh process and reports the time of
 * each call and the peak RSS growth of the first call (before anything was cached or warmed).
 */
import { execFile } from 'node:child_process';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { finished } from 'node:stream/promises';
import { request } from 'undici';
import * as path from 'node:path';
import { LiteLLMClient, parseSettings } from '../src/core';
import { multipartBody } from '../src/core/multipartBody';

export interface WorkerTask {
  client:
    | 'core'
    | 'node-bare'
    | 'node-transfer'
    | 'openai-sdk'
    | 'curl+decode'
    | 'curl-only'
    | 'upload-probe'
    | 'curl-upload-probe';
  op: 'generate' | 'edit';
  url: string;
  key: string;
  size: string;
  n: number;
  iterations: number;
  reference?: string;
  dir: string;
  model?: string;
}

export interface WorkerResult {
  times: number[];
  peakGrowthBytes: number;
  responseBytes: number;
}

/** One timed call of a serving worker (--paired): wall time and this process's CPU time. */
export interface TimedCall {
  ms: number;
  cpuMs: number;
}

type Call = () => Promise<number>; // returns the response size in bytes

function sh(cmd: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      cmd,
      args,
      { maxBuffer: 1 << 30, timeout: 300_000, encoding: 'latin1' },
      (err, stdout) => (err ? reject(err) : resolve(stdout)),
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}

const DECODE_PY =
  'import sys,json,base64\n' +
  'raw=sys.stdin.buffer.read(); d=json.loads(raw)\n' +
  'for i,x in enumerate(d["data"]): open(sys.argv[1]+str(i),"wb").write(base64.b64decode(x["b64_json"]))\n' +
  'print(len(raw))';

async function makeCall(t: WorkerTask): Promise<Call> {
  const prompt = `benchmark ${t.op} ${t.size}`;
  return t.client === 'upload-probe' || t.client === 'curl-upload-probe'
    ? uploadProbe(t)
    : makeClientCall(t, prompt);
}

/**
 * The edit's multipart body (the same function the core uses) sent to a local sink, for references larger than the
 * product's 50 MB cap: shows whether memory grows with the upload size.
 */
async function uploadProbe(t: WorkerTask): Promise<Call> {
  const sink = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/`;
  const size = (await stat(t.reference!)).size;
  if (t.client === 'curl-upload-probe')
    return async () => {
      await sh('curl', [
        '-sS',
        '--fail',
        '-F',
        'prompt=x',
        '-F',
        `image=@${t.reference};type=image/png`,
        '-o',
        '/dev/null',
        url,
      ]);
      return size;
    };
  // One tiny request first, so undici's HTTP parser is compiled before the measured call (see WORKER_FLAGS in bench.ts).
  await (await request(url, { method: 'POST', body: 'warm-up' })).body.dump();
  return async () => {
    const body = multipartBody(
      [['prompt', 'x']],
      [{ field: 'image', filename: 'ref.png', contentType: 'image/png', path: t.reference!, size }],
    );
    const res = await request(url, {
      method: 'POST',
      body: body.stream(),
      headers: { 'content-type': body.contentType, 'content-length': String(body.length) },
    });
    await res.body.dump();
    return size;
  };
}

/** A tiny call of the same client first, so module loading and connection setup are not counted as memory growth. */
async function warmUp(t: WorkerTask): Promise<void> {
  if (!['core', 'openai-sdk', 'node-bare', 'node-transfer'].includes(t.client)) return;
  const call = await makeClientCall(
    { ...t, op: 'generate', size: '256x256', n: 1, model: 'dall-e-2' },
    'warm-up',
  );
  await call();
}

async function makeClientCall(t: WorkerTask, prompt: string): Promise<Call> {
  const model = t.model ?? 'gpt-image-2';
  if (t.client === 'core') {
    const client = new LiteLLMClient(
      parseSettings({ baseUrl: t.url, model, timeoutMs: 300_000, maxResponseBytes: 1 << 30 }),
      {
        apiKey: t.key,
      },
    );
    return async () => {
      const r =
        t.op === 'edit'
          ? await client.edit({ prompt, images: [t.reference!], options: { n: t.n } })
          : await client.generate({ prompt, options: { n: t.n, size: t.size } });
      // Base64 size of what arrived, as a stand-in for the response size (the JSON around it is tiny).
      return r.images.reduce((s, i) => s + Math.ceil(i.bytes.length / 3) * 4, 0);
    };
  }
  if (t.client === 'openai-sdk') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { default: OpenAI, toFile } = require('openai') as typeof import('openai');
    const sdk = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: t.key, timeout: 300_000 });
    return async () => {
      const r =
        t.op === 'edit'
          ? await sdk.images.edit({
              model,
              prompt,
              n: t.n,
              image: await toFile(createReadStream(t.reference!), path.basename(t.reference!), {
                type: 'image/png',
              }),
            })
          : await sdk.images.generate({ model, prompt, n: t.n, size: t.size as '1024x1024' });
      const images = (r.data ?? []).map((d) => Buffer.from(d.b64_json ?? '', 'base64'));
      return images.reduce((s, b) => s + Math.ceil(b.length / 3) * 4, 0);
    };
  }
  if (t.client === 'node-bare' || t.client === 'node-transfer') return bareCall(t, model, prompt);
  const auth = ['-H', `Authorization: Bearer ${t.key}`];
  if (t.op === 'edit') {
    // curl reads the file itself and streams it; the answer is discarded (upload cost only).
    return async () => {
      const out = await sh('curl', [
        '-sS',
        '--fail',
        ...auth,
        '-F',
        `model=gpt-image-2`,
        '-F',
        `prompt=${prompt}`,
        '-F',
        `image=@${t.reference};type=image/png`,
        '-o',
        '/dev/null',
        '-w',
        '%{size_download}',
        `${t.url}/v1/images/edits`,
      ]);
      return Number(out);
    };
  }
  const body = path.join(t.dir, `body-${process.pid}.json`);
  await writeFile(body, JSON.stringify({ model: 'gpt-image-2', prompt, n: t.n, size: t.size }));
  const args = [
    '-sS',
    '--fail',
    ...auth,
    '-H',
    'Content-Type: application/json',
    '--data-binary',
    `@${body}`,
    `${t.url}/v1/images/generations`,
  ];
  if (t.client === 'curl-only')
    return async () => Number(await sh('curl', [...args, '-o', '/dev/null', '-w', '%{size_download}']));
  const prefix = path.join(t.dir, `img-${process.pid}-`);
  return async () =>
    Number(await sh('sh', ['-c', `curl "$@" | python3 -c '${DECODE_PY}' ${prefix}`, 'sh', ...args]));
}

/**
 * The floor for any Node client (generations only): undici's request, the body's chunks decoded as they arrive by
 * Node's native base64 decoder into one buffer sized from Content-Length, nothing checked (the fake proxy's answers
 * have no escapes). What the core does beyond this is the core's own cost; what this costs beyond curl is Node's.
 * As 'node-transfer' the body is only counted, not decoded: Node's share of the transfer alone.
 */
function bareCall(t: WorkerTask, model: string, prompt: string): Call {
  // dall-e models (the warm-up's) answer with URLs unless asked for base64.
  const format = model.startsWith('dall-e') ? { response_format: 'b64_json' } : {};
  const body = JSON.stringify({ model, prompt, n: t.n, size: t.size, ...format });
  const open = Buffer.from('"b64_json":"');
  return async () => {
    const res = await request(`${t.url}/v1/images/generations`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.key}` },
    });
    if (t.client === 'node-transfer') {
      let size = 0;
      res.body.on('data', (chunk: Buffer) => (size += chunk.length));
      await finished(res.body);
      return size;
    }
    const out = Buffer.allocUnsafeSlow(Math.ceil((Number(res.headers['content-length']) * 3) / 4) + 3);
    let pos = 0;
    let inside = false;
    let carry = '';
    // The end of the previous chunk while outside a string, so a key split across two chunks is still found.
    let tail: Buffer = Buffer.alloc(0);
    let base64 = 0;
    res.body.on('data', (chunk: Buffer) => {
      let at = 0;
      if (!inside && tail.length) {
        const k = Buffer.concat([tail, chunk.subarray(0, open.length - 1)]).indexOf(open);
        if (k !== -1) {
          at = k + open.length - tail.length;
          inside = true;
        }
      }
      tail = Buffer.alloc(0);
      while (at < chunk.length) {
        if (!inside) {
          const k = chunk.indexOf(open, at);
          if (k === -1) {
            tail = chunk.subarray(Math.max(at, chunk.length - open.length + 1));
            return;
          }
          at = k + open.length;
          inside = true;
        }
        const q = chunk.indexOf(0x22, at);
        const end = q === -1 ? chunk.length : q;
        base64 += end - at;
        const text = carry + chunk.toString('latin1', at, end);
        const whole = q === -1 ? text.length - (text.length % 4) : text.length;
        pos += out.write(text.slice(0, whole), pos, 'base64');
        carry = text.slice(whole);
        if (q === -1) return;
        inside = false;
        at = q + 1;
      }
    });
    await finished(res.body);
    if (pos === 0) throw new Error(`node-bare: no image in the answer (status ${res.statusCode})`);
    return base64;
  };
}

/**
 * Peak resident memory of this process since the last reset. Linux's VmHWM (not getrusage's maxrss, which starts at
 * the parent's size when the worker is forked from a big parent) and clear_refs "5" to start the measurement here.
 */
function resetPeak(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux, or not allowed: the peak then includes start-up.
  }
}
function peakRss(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // fall through
  }
  return process.resourceUsage().maxRSS * 1024;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Builds the client, warms it up and measures the peak RSS growth of its first real call. */
async function firstCall(
  t: WorkerTask,
): Promise<{ call: Call; peakGrowthBytes: number; responseBytes: number }> {
  const call = await makeCall(t);
  await warmUp(t);
  gc?.();
  // Peak growth of this process during the first call; for the curl clients the work is in child processes, so
  // their figure is the Node parent's only and is not reported as theirs.
  resetPeak();
  const before = process.memoryUsage().rss;
  const responseBytes = await call();
  const peakGrowthBytes = Math.max(0, peakRss() - before);
  return { call, peakGrowthBytes, responseBytes };
}

async function timed(call: Call): Promise<TimedCall> {
  gc?.();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await call();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

export async function runWorker(t: WorkerTask): Promise<WorkerResult> {
  const { call, peakGrowthBytes, responseBytes } = await firstCall(t);
  const times: number[] = [];
  for (let i = 0; i < t.iterations; i++) times.push((await timed(call)).ms);
  return { times, peakGrowthBytes, responseBytes };
}

/**
 * A worker that stays up (--paired): it reports its first call like runWorker, then makes one timed call per
 * 'call' message from the parent, so calls of different clients can be interleaved under the same load.
 */
export async function serveWorker(t: WorkerTask): Promise<void> {
  const { call, peakGrowthBytes, responseBytes } = await firstCall(t);
  process.send!({ kind: 'ready', peakGrowthBytes, responseBytes });
  process.on('message', (m: { kind: string }) => {
    if (m.kind === 'call')
      timed(call).then(
        (r) => process.send!({ kind: 'timed', ...r }),
        (e: unknown) => process.send!({ kind: 'error', message: String((e as Error).stack ?? e) }),
      );
    else process.exit(0);
  });
}
