/**
 * `litellm-images` command line: a thin front end over the core, for scripts, CI and testing the core from outside.
 * The key comes only from LITELLM_API_KEY (a flag would show in process lists). Exit codes: 0 ok, 1 failure, 2 usage.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  type CallControl,
  checkConnection,
  type DiscoveredModel,
  estimateCost,
  type ForwardProxies,
  forwardProxiesFromEnv,
  parseForwardProxy,
  type ImagePlan,
  ImageResult,
  isLiteLLMError,
  LiteLLMError,
  LiteLLMClient,
  Logger,
  notAsRequestedMessage,
  parseSettings,
  planEdit,
  planGenerate,
  planRerun,
  PlannedSave,
  RawCoreSettings,
  saveImageResult,
} from './core';
import { ENV_API_KEY } from './core/settingsRegistry';
import { cliAttempts, cliConnectionReport, cliText } from './cli/surface';
import { serveMcp } from './cli/mcpServer';
import { CLI_SETTINGS, CLI_VERSION, HELP_HINT, KNOWN_FLAGS, optionName, USAGE } from './cli/usage';
import { closest } from './cli/suggest';

/** Flags that are not settings: the request itself, where files go, and logging. */
const OWN_OPTIONS = {
  prompt: { type: 'string' },
  image: { type: 'string', multiple: true },
  mask: { type: 'string' },
  out: { type: 'string' },
  proxy: { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  ...OWN_OPTIONS,
  ...Object.fromEntries(
    CLI_SETTINGS.map((s) => [
      optionName(s),
      s.type === 'boolean' ? { type: 'boolean' } : { type: 'string', multiple: s.cli.multiple ?? false },
    ]),
  ),
};

class UsageError extends Error {}

/**
 * parseArgs' complaint in the CLI's words. An unknown option names the closest known one (`--sise`: did you mean
 * --size?); anything about the key points at the one place it is read from.
 */
function parseProblem(e: Error & { code?: string }): string {
  if (e.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return e.message;
  const given = /^Unknown option '([^']+)'/.exec(e.message)?.[1] ?? '';
  const guess = closest(given, KNOWN_FLAGS);
  if (/key/i.test(given)) return `Unknown option '${given}'. The API key is read from ${ENV_API_KEY} only.`;
  return `Unknown option '${given}'.${guess ? ` Did you mean ${guess}?` : ''}`;
}

type OwnValues = ReturnType<
  typeof parseArgs<{ options: typeof OWN_OPTIONS; allowPositionals: true }>
>['values'];
/** The own flags typed; the settings' flags by name (a string, a list of strings, or a switch). */
type Values = OwnValues & Record<string, string | boolean | string[] | undefined>;

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

/** `--model-capabilities FILE`: the JSON object litellm.image.modelCapabilities holds, read from a file (≤ 1 MB). */
function capabilitiesFile(file: string | undefined): unknown {
  if (file === undefined) return undefined;
  let text: string;
  try {
    const buf = readFileSync(file);
    if (buf.length > 1024 * 1024)
      throw new UsageError(`--model-capabilities: "${file}" is larger than 1 MB.`);
    text = buf.toString('utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(
      `--model-capabilities: cannot read "${file}" (${(e as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UsageError(`--model-capabilities: "${file}" is not JSON.`);
  }
}

/** The raw settings from the flags, else the environment, at each setting's path in the core's settings. */
function rawSettings(v: Values, env: NodeJS.ProcessEnv): RawCoreSettings {
  const raw: Record<string, unknown> = { defaults: {} };
  for (const s of CLI_SETTINGS) {
    const flag = v[optionName(s)];
    const fromEnv = s.env ? env[s.env] || undefined : undefined;
    // A repeatable flag adds to its variable (NODE_EXTRA_CA_CERTS and --ca-file are both trusted); others replace it.
    const given =
      s.cli.multiple && fromEnv ? [fromEnv, ...((flag as string[] | undefined) ?? [])] : (flag ?? fromEnv);
    const value =
      s.key === 'image.modelCapabilities'
        ? capabilitiesFile(given as string | undefined)
        : s.type === 'object'
          ? headers(given as string[] | undefined)
          : s.type === 'integer' || Array.isArray(s.type)
            ? num(given as string | undefined)
            : given;
    if (value === undefined) continue;
    const [head, leaf] = s.core.split('.') as [string, string | undefined];
    if (leaf === undefined) raw[head] = value;
    else (raw[head] as Record<string, unknown>)[leaf] = value;
  }
  return raw as RawCoreSettings;
}

/** `--proxy` for every target, else HTTPS_PROXY / HTTP_PROXY; NO_PROXY applies to both. */
function cliForwardProxies(flag: string | undefined, env: NodeJS.ProcessEnv): ForwardProxies {
  const fromEnv = forwardProxiesFromEnv(env);
  if (!flag) return fromEnv;
  const proxy = parseForwardProxy(flag, { kind: 'setting' });
  return { https: proxy, http: proxy, noProxy: fromEnv.noProxy };
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

function perImageEstimate(m: DiscoveredModel): { low: number; high: number } | undefined {
  const outcome = estimateCost(m.prices, m.capabilities, {});
  return 'estimate' in outcome ? { low: outcome.estimate.low, high: outcome.estimate.high } : undefined;
}

function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

/** Saves every received image (never overwriting), printing one JSON line each; returns the first save error. */
async function saveAll(
  result: ImageResult,
  opts: PlannedSave,
  print: (line: string) => void,
): Promise<LiteLLMError | undefined> {
  const outcome = await saveImageResult(result, opts);
  for (const saved of outcome.saved) {
    if (saved.warning) process.stderr.write(`${cliText(saved.warning)}\n`);
    // Not what was asked for: said on stderr for people, and in the line for scripts.
    const differs = saved.notAsRequested
      ? notAsRequestedMessage(saved.notAsRequested, path.basename(saved.path))
      : undefined;
    if (differs) process.stderr.write(`${cliText(differs)}\n`);
    print(
      JSON.stringify(
        compact({
          path: saved.path,
          model: result.model,
          mimeType: saved.image.mimeType,
          format: saved.produced.format,
          bytes: saved.bytes,
          width: saved.produced.width,
          height: saved.produced.height,
          requested: compact({
            model: result.requestedModel,
            size: result.options.size,
            format: result.options.outputFormat,
          }),
          notAsRequested: saved.notAsRequested,
          warning: differs && cliText(differs),
          revisedPrompt: saved.image.revisedPrompt,
          // This file's share of what the proxy charged: the lines of one call add up to it.
          cost: saved.image.cost ?? (result.images.length === 1 ? result.meta.cost : undefined),
          callCost: result.images.length > 1 ? result.meta.cost : undefined,
          callId: result.meta.callId,
          attempts: cliAttempts(result.attempts),
        }),
      ),
    );
  }
  return outcome.error;
}

/** Sends a plan and saves what came back: the same for generate, edit and rerun. */
async function runPlan(
  plan: ImagePlan,
  client: LiteLLMClient,
  ctl: CallControl,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const result = await plan.call(client, ctl);
  const saveError = await saveAll(result, plan.save, out);
  for (const w of result.warnings) err(cliText(w));
  if (result.incomplete) err(`Some images were saved, then: ${cliText(result.incomplete.reported)}`);
  if (saveError) err(cliText(saveError.reported));
  return result.incomplete || saveError ? 1 : 0;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const out = (s: string) => process.stdout.write(s + '\n');
  const err = (s: string) => process.stderr.write(s + '\n');
  let values: Values;
  let positionals: string[];
  try {
    const parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    values = parsed.values as Values;
    positionals = parsed.positionals;
  } catch (e) {
    err(`${parseProblem(e as Error)}\n${HELP_HINT}`);
    return 2;
  }
  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (values.version) {
    out(CLI_VERSION);
    return 0;
  }
  const [command, ...rest] = positionals;
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  let client: LiteLLMClient | undefined;
  try {
    if (!command || !['generate', 'edit', 'rerun', 'models', 'check', 'mcp'].includes(command))
      throw new UsageError(command ? `Unknown command "${command}".` : 'Missing command.');
    const settings = parseSettings(rawSettings(values, env));
    // CA files are read relative to where the CLI runs, as a user typing the path means.
    settings.caCertificates = settings.caCertificates.map((f) => path.resolve(f));
    client = new LiteLLMClient(settings, {
      apiKey: env[ENV_API_KEY] || undefined,
      logger: stderrLogger(Boolean(values.verbose)),
      network: { proxies: cliForwardProxies(values.proxy, env) },
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
              // The proxy's published image prices and what one image would cost by them (low–high where the
              // model chooses size or quality): an estimate, never what was charged.
              prices: m.prices,
              estimatedPerImage: perImageEstimate(m),
            }),
          ),
        );
      return 0;
    }
    if (command === 'check') {
      const report = await checkConnection(client, ctl);
      out(JSON.stringify(cliConnectionReport(report)));
      return report.ok ? 0 : 1;
    }

    if (command === 'mcp') {
      // The root it writes into and the only tree it reads references from.
      const root = path.resolve(values.out ?? 'images');
      await serveMcp(client, root, CLI_VERSION);
      return 0;
    }
    if (command === 'rerun') {
      const [image] = rest;
      if (!image) throw new UsageError('rerun needs the IMAGE to make again.');
      // The recorded references must stay inside the working folder: the record is a file a repository can write.
      const plan = await planRerun({
        image: path.resolve(image),
        allowedRoots: [process.cwd()],
        folder: values.out === undefined ? undefined : path.resolve(values.out),
      });
      return await runPlan(plan, client, ctl, out, err);
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
    return await runPlan(plan, client, ctl, out, err);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${e.message}\n${HELP_HINT}`);
      return 2;
    }
    if (isLiteLLMError(e)) {
      if (e.kind === 'invalid_settings') {
        err(`${cliText(e.reported)}\n${HELP_HINT}`);
        return 2;
      }
      err(cliText(e.reported));
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
