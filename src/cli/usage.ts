/** The CLI's settings flags and its usage text, both from the settings registry. */
import { type CliFlag, ENV_API_KEY, SETTING_SPECS, type SettingSpec } from '../core/settingsRegistry';

/** Reported to MCP clients; kept equal to package.json's version by test/unit/mcpServer.test.ts. */
export const CLI_VERSION = '0.1.0';

export type CliSetting = SettingSpec & { cli: CliFlag; core: string };

/** The settings the CLI takes, from the registry: each has a flag and a place in the core's settings. */
export const CLI_SETTINGS = SETTING_SPECS.filter(
  (s): s is CliSetting => s.cli !== undefined && s.core !== undefined,
);

export const optionName = (s: CliSetting) => s.cli.flag.replace(/^--/, '');

/** One option line: the flag and its value, then the help, aligned (or on the next line when the flag is long). */
function optionLine(left: string, help: string): string {
  const column = 36;
  const head = `  ${left}`;
  return head.length < column - 1 ? head.padEnd(column) + help : `${head}\n${' '.repeat(column)}${help}`;
}

/** Where the value comes from besides the flag, as the usage text says it: `(env X; default Y)`. */
function origins(s: CliSetting): string {
  const parts: string[] = [];
  if (s.env) parts.push(`env ${s.env}`);
  // Only defaults the core applies: an image option left unset is not sent (the model decides).
  const shown = !s.emptyMeansUnset && (typeof s.default === 'string' || typeof s.default === 'number');
  if (shown && s.default !== '') parts.push(`default ${String(s.default)}`);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

export const USAGE = [
  'Usage: litellm-images <command> [options]',
  '',
  'Commands:',
  '  generate [prompt]                 generate images from a prompt (or --prompt; "-" reads stdin)',
  '  edit [prompt] --image FILE        edit images (repeat --image for several references; --mask FILE)',
  '  rerun IMAGE                       make IMAGE again from its recorded settings (beside it, or into --out)',
  "  models                            list the proxy's image models (one JSON object per line)",
  '  mcp                               serve generate_image, edit_image and list_image_models as an MCP server on',
  '                                    stdio; images go into --out (default ./images), references only from there',
  '  check                             test the connection (one JSON report)',
  '',
  'Options:',
  ...CLI_SETTINGS.map((s) =>
    optionLine(s.cli.value ? `${s.cli.flag} ${s.cli.value}` : s.cli.flag, s.cli.help + origins(s)),
  ),
  optionLine('--out DIR', 'where images are written (default: current folder); never overwrites'),
  optionLine(
    '--proxy URL',
    'forward proxy for every request (env HTTPS_PROXY, HTTP_PROXY; NO_PROXY bypasses)',
  ),
  optionLine('--verbose', 'log requests (call ids, timings) to stderr'),
  '  -h, --help',
  '',
  `The API key is read from ${ENV_API_KEY} only.`,
].join('\n');
