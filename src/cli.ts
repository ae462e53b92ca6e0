/**
 * `litellm-images` command line: a thin front end over the core, for scripts, CI and testing the core from outside.
 * The key comes only from LITELLM_API_KEY (a flag would show in process lists). Exit codes: 0 ok, 1 failure, 2 usage.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  checkConnection,
  ImageResult,
  isLiteLLMError,
  LiteLLMClient,
  Logger,
  parseSettings,
  planEdit,
  planGenerate,
  PlannedSave,
  RawCoreSettings,
  saveImageResult,
} from './core';

const USAGE = `Usage: litellm-images <command> [options]

Commands:
  generate [prompt]                 generate images from a prompt (or --prompt; "-" reads stdin)
  edit [prompt] --image FILE        edit images (repeat --image for several references; --mask FILE)
  models                            list the proxy's image models (one JSON object per line)
  check                             test the connection (one JSON report)

Options:
  --base-url URL                    proxy URL (env LITELLM_BASE_URL; default http://localhost:4000)
  --model ID                        image model (default gpt-image-2; "litellm/<id>" accepted)
  --fallback ID                     fallback model, repeatable, tried in order
  --size WxH | auto                 --quality low|medium|high|auto|standard|hd
  --n COUNT                         --background transparent|opaque|auto
  --output-format png|jpeg|webp     --output-compression 0-100
  --moderation low|auto             --style vivid|natural
  --timeout-ms MS                   per-attempt timeout (default 300000)
  --allow-private-network           allow proxies on private networks (the key is sent there)
  --header "Name: value"            extra request header, repeatable (never the key)
  --out DIR                         where images are written (default: current folder); never overwrites
  --verbose                         log requests (call ids, timings) to stderr
  -h, --help

The API key is read from LITELLM_API_KEY only.`;

class UsageError extends Error {}

const OPTIONS = {
  prompt: { type: 'string' },
  image: { type: 'string', multiple: true },
  mask: { type: 'string' },
  'base-url': { type: 'string' },
  model: { type: 'string' },
  fallback: { type: 'string', multiple: true },
  size: { type: 'string' },
  quality: { type: 'string' },
  n: { type: 'string' },
  background: { type: 'string' },
  'output-format': { type: 'string' },
  'output-compression': { type: 'string' },
  moderation: { type: 'string' },
  style: { type: 'string' },
  'timeout-ms': { type: 'string' },
  'allow-private-network': { type: 'boolean' },
  header: { type: 'string', multiple: true },
  out: { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function num(v: string | undefined): number | undefined {
  return v === undefined ? undefined : v.trim() === '' ? NaN : Number(v);
}

function headers(list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of list ?? []) {
    const i = h.indexOf(':');
    if (i <= 0) throw new UsageError(`--header must look like "Name: value" (got "${h}").`);
    out[h.slice(0, i).trim()] = h.slice(i + 1).trim();
  }
  return out;
}

function rawSettings(v: Values, env: NodeJS.ProcessEnv): RawCoreSettings {
  const defaults = Object.fromEntries(
    Object.entries({
      size: v.size,
      quality: v.quality,
      n: num(v.n),
      background: v.background,
      outputFormat: v['output-format'],
      outputCompression: num(v['output-compression']),
      moderation: v.moderation,
      style: v.style,
    }).filter(([, x]) => x !== undefined),
  );
  const raw: Record<string, unknown> = {
    baseUrl: v['base-url'] ?? (env.LITELLM_BASE_URL || undefined),
    model: v.model,
    fallbacks: v.fallback,
    timeoutMs: num(v['timeout-ms']),
    allowPrivateNetwork: v['allow-private-network'],
    requestHeaders: headers(v.header),
    defaults,
  };
  return Object.fromEntries(Object.entries(raw).filter(([, x]) => x !== undefined)) as RawCoreSettings;
}

function stderrLogger(verbose: boolean): Logger {
  const line = (level: string) => (m: string) => {
    if (verbose) process.stderr.write(`[${level}] ${m}\n`);
  };
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}

async function readStdin(): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of process.stdin) parts.push(c as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

/** Saves every received image (never overwriting), printing one JSON line each; returns the first save error. */
async function saveAll(
  result: ImageResult,
  opts: PlannedSave,
  print: (line: string) => void,
): Promise<Error | undefined> {
  const outcome = await saveImageResult(result, opts);
  for (const saved of outcome.saved) {
    if (saved.warning) process.stderr.write(`${saved.warning}\n`);
    print(
      JSON.stringify(
        compact({
          path: saved.path,
          model: result.model,
          mimeType: saved.image.mimeType,
          bytes: saved.bytes,
          width: saved.image.width,
          height: saved.image.height,
          revisedPrompt: saved.image.revisedPrompt,
          cost: result.meta.cost,
          callId: result.meta.callId,
          attempts: result.attempts,
        }),
      ),
    );
  }
  return outcome.error;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const out = (s: string) => process.stdout.write(s + '\n');
  const err = (s: string) => process.stderr.write(s + '\n');
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    }));
  } catch (e) {
    err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const [command, ...rest] = positionals;
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  let client: LiteLLMClient | undefined;
  try {
    if (!command || !['generate', 'edit', 'models', 'check'].includes(command))
      throw new UsageError(command ? `Unknown command "${command}".` : 'Missing command.');
    const settings = parseSettings(rawSettings(values, env));
    client = new LiteLLMClient(settings, {
      apiKey: env.LITELLM_API_KEY || undefined,
      logger: stderrLogger(Boolean(values.verbose)),
    });
    const ctl = { signal: controller.signal };

    if (command === 'models') {
      for (const m of await client.listImageModels(ctl))
        out(
          JSON.stringify(
            compact({
              id: m.id,
              providerModel: m.providerModel,
              mode: m.mode,
              canGenerate: m.canGenerate,
              canEdit: m.canEdit,
              evidence: m.evidence,
              family: m.capabilities?.family,
            }),
          ),
        );
      return 0;
    }
    if (command === 'check') {
      const report = await checkConnection(client, ctl);
      out(JSON.stringify(report));
      return report.ok ? 0 : 1;
    }

    // "-" reads the prompt from stdin; never implicitly, so a script with an open pipe cannot hang waiting.
    const given = values.prompt ?? (rest.length ? rest.join(' ') : undefined);
    const prompt = (given === '-' ? await readStdin() : (given ?? '')).trim();
    if (!prompt)
      throw new UsageError('Missing prompt: give it as an argument, with --prompt, or "-" to read stdin.');
    if (command === 'edit' && !values.image?.length)
      throw new UsageError('edit needs at least one --image FILE.');
    // --out, else the current folder, for edits too (a script expects its files where it runs).
    const folder = path.resolve(values.out ?? '.');
    const plan =
      command === 'edit'
        ? planEdit({ prompt, references: values.image!, mask: values.mask, folder })
        : planGenerate({ prompt, folder });
    const result = await plan.call(client, ctl);
    const saveError = await saveAll(result, plan.save, out);
    for (const w of result.warnings) err(w);
    if (result.incomplete) err(`Some images were saved, then: ${result.incomplete.message}`);
    if (saveError) err(saveError.message);
    return result.incomplete || saveError ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (isLiteLLMError(e)) {
      if (e.kind === 'invalid_settings') {
        err(`${e.message}\n\n${USAGE}`);
        return 2;
      }
      err(e.message);
      return 1;
    }
    err(`Unexpected error: ${(e as Error)?.message ?? String(e)}`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    await client?.dispose();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
