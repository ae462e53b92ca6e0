// `npm start`: the project's main job for a newcomer. Builds, then generates an image through the configured LiteLLM
// proxy (LITELLM_BASE_URL + LITELLM_API_KEY), or, when none is configured or reachable, through the built-in demo
// server, which keeps running afterwards so you can try more commands against it. `--once` exits after the image.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const once = process.argv.includes('--once');
const prompt = process.env.DEMO_PROMPT || 'a lighthouse at dusk, oil painting';
const outDir = path.join(root, 'demo-output');

function run(cmd, args, env = {}) {
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
}

async function reachable(base) {
  try {
    const res = await fetch(new URL('/health/liveliness', base), { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function startDemoServer() {
  const child = spawn(process.execPath, [path.join(root, 'dist/demo-server.js'), '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error('the demo server did not start within 10 s')), 10_000);
    child.stdout.on('data', (d) => {
      seen += d;
      process.stdout.write(d);
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`the demo server exited (${code})`)));
  });
  return { child, url, key: 'sk-demo' };
}

if (run('node', ['scripts/build.mjs']).status !== 0) process.exit(1);

let base = process.env.LITELLM_BASE_URL;
let key = process.env.LITELLM_API_KEY;
let demo;
if (!base || !(await reachable(base))) {
  if (base) console.log(`LITELLM_BASE_URL=${base} does not answer; using the built-in demo server instead.`);
  demo = await startDemoServer();
  base = demo.url;
  key = demo.key;
}

mkdirSync(outDir, { recursive: true });
console.log(`\nGenerating "${prompt}" through ${base} …`);
const result = run(
  'node',
  ['dist/cli.js', 'generate', prompt, '--out', outDir, '--model', process.env.DEMO_MODEL || 'gpt-image-2'],
  {
    LITELLM_BASE_URL: base,
    LITELLM_API_KEY: key ?? '',
  },
);
if (result.status !== 0) {
  demo?.child.kill();
  process.exit(result.status ?? 1);
}
console.log(`\nImages are in ${outDir} (each PNG carries its prompt and model; never overwritten).`);

if (demo && !once) {
  console.log(`\nThe demo server keeps running at ${base}. Try, in another terminal:`);
  console.log(`  LITELLM_BASE_URL=${base} LITELLM_API_KEY=${demo.key} node dist/cli.js check`);
  console.log(
    `  LITELLM_BASE_URL=${base} LITELLM_API_KEY=${demo.key} node dist/cli.js generate "a red fox in snow" --n 2 --out demo-output`,
  );
  console.log('Press Ctrl+C to stop.');
  const stop = () => demo.child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  demo.child.on('exit', () => process.exit(0));
} else {
  demo?.child.kill('SIGTERM');
}
