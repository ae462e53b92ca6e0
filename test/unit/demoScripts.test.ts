// The demo as a user starts it: the demo server taking the next free port when 4000 is busy, and the one-shot CLI
// demo (`npm run demo:cli`) printing only what is true of a run that has ended. Real processes, real ports.
import * as assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const DEMO_SERVER = ['--require', require.resolve('tsx/cjs'), path.join(ROOT, 'test/fixtures/demoServer.ts')];

/** Holds `port` on 127.0.0.1 for the test, or resolves undefined when something else already does (busy anyway). */
function occupy(port: number): Promise<net.Server | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** Starts the demo server and resolves with what it printed up to its "Ctrl+C stops." line. */
function startDemo(args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...DEMO_SERVER, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no banner within 30 s: ${out}`)), 30_000);
    const take = (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ctrl+C stops.') || child.exitCode !== null) {
        clearTimeout(timer);
        resolve({ child, out });
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve({ child, out });
    });
  });
}

describe('demo scripts', function () {
  this.timeout(180_000);
  const env = { ...process.env };
  delete env['PORT'];
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGTERM');
  });

  it('the demo server takes the next free port when 4000 is busy, and says which', async () => {
    const held = await occupy(4000);
    try {
      const { child, out } = await startDemo([], env);
      children.push(child);
      const m = /Demo LiteLLM server on http:\/\/127\.0\.0\.1:(\d+) /.exec(out);
      assert.ok(m, out);
      const port = Number(m[1]);
      assert.ok(port > 4000 && port <= 4020, `port ${port}`);
      assert.match(
        out,
        new RegExp(`^Port 4000 is in use \\(another proxy\\?\\), so the demo server took ${port}`),
      );
      const res = await fetch(`http://127.0.0.1:${port}/health/liveliness`);
      assert.equal(res.status, 200);
    } finally {
      held?.close();
    }
  });

  it('a port asked for by name is that port, or an error with the command for any free port', async () => {
    const held = await occupy(0);
    const port = (held!.address() as net.AddressInfo).port;
    try {
      const { child, out } = await startDemo(['--port', String(port)], env);
      children.push(child);
      await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(undefined)));
      assert.equal(child.exitCode, 1);
      assert.equal(
        out.trim(),
        `Port ${port} on 127.0.0.1 is already in use. For any free port: npm run demo-server -- --port 0`,
      );
    } finally {
      held!.close();
    }
  });

  it('npm run demo:cli generates one image, prints it, and ends without server logs or "Ctrl+C"', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'demo-cli-'));
    try {
      const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        const child = execFile(
          process.execPath,
          ['scripts/start.mjs', '--cli', '--once'],
          { cwd: ROOT, env: { ...env, LITELLM_BASE_URL: '', DEMO_OUT: out }, timeout: 150_000 },
          (err, stdout, stderr) =>
            resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
        children.push(child);
      });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(readdirSync(out).filter((f) => f.endsWith('.png')).length, 1);
      const after = run.stdout.slice(run.stdout.indexOf('Generating "'));
      const lines = after.trim().split('\n').filter(Boolean);
      assert.match(
        lines[0]!,
        /^Generating "a lighthouse at dusk, oil painting" through http:\/\/127\.0\.0\.1:\d+ …$/,
      );
      assert.match(lines[1]!, /^\{"path":".*\.png","model":"gpt-image-2"/);
      assert.match(
        lines[2]!,
        /^Images are in .* \(each PNG carries its prompt and model; never overwritten\)\.$/,
      );
      assert.equal(lines.length, 3, after);
      assert.doesNotMatch(
        run.stdout,
        /Ctrl\+C|\d\d:\d\d:\d\d\.\d{3} (GET|POST) /,
        'nothing that only fits a running server',
      );
      assert.match(
        run.stdout,
        /Built-in demo proxy \(a local imitation of LiteLLM, no API cost\): http:\/\/127\.0\.0\.1:\d+, key sk-demo/,
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
