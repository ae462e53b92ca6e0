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

/** The column the options' descriptions start in: wide enough for every flag with its value placeholder. */
const COLUMN = 32;

/** One option per line: the flag and its value, then what it does (on the next line only if the flag is too long). */
function optionLine(left: string, help: string): string {
  const head = `  ${left}`;
  return head.length < COLUMN - 1 ? head.padEnd(COLUMN) + help : `${head}\n${' '.repeat(COLUMN)}${help}`;
}

/** A setting's description: what it does, its allowed values, then `(env X; default Y)`. */
function settingHelp(s: CliSetting): string {
  const values = s.enum?.filter((v) => v !== '');
  const parts: string[] = [];
  if (s.env) parts.push(`env ${s.env}`);
  // An image option left empty is not sent: the model decides. Other defaults are the core's.
  if (s.emptyMeansUnset && (s.default === '' || s.default === null)) parts.push("default: the model's");
  else if (typeof s.default === 'string' || typeof s.default === 'number')
    parts.push(`default ${String(s.default)}`);
  return `${s.cli.help}${values?.length ? `: ${values.join('|')}` : ''}${parts.length ? ` (${parts.join('; ')})` : ''}`;
}

/** Every flag the CLI takes (settings and its own), for "did you mean …?". */
export const KNOWN_FLAGS = [
  ...['--prompt', '--image', '--mask', '--out', '--verbose', '--help', '--version'],
  ...CLI_SETTINGS.map((s) => s.cli.flag),
];

/** What a usage error ends with, instead of the whole usage text. */
export const HELP_HINT = 'Run `litellm-images --help`.';

export const USAGE = [
  'Usage: litellm-images <command> [options]',
  '',
  'Commands:',
  optionLine('generate [prompt]', 'generate images from a prompt (or --prompt; "-" reads stdin)'),
  optionLine(
    'edit [prompt] --image FILE',
    'edit images (repeat --image for several references; --mask FILE)',
  ),
  optionLine('rerun IMAGE', 'make IMAGE again from its recorded settings (beside it, or into --out)'),
  optionLine('models', "list the proxy's image models (one JSON object per line)"),
  optionLine('mcp', 'serve generate_image, edit_image and list_image_models over MCP on stdio'),
  optionLine('', 'images go into --out (default ./images), references only from there'),
  optionLine('check', 'test the connection (one JSON report)'),
  '',
  'Options:',
  ...CLI_SETTINGS.map((s) =>
    optionLine(s.cli.value ? `${s.cli.flag} ${s.cli.value}` : s.cli.flag, settingHelp(s)),
  ),
  optionLine('--prompt TEXT', 'the prompt, instead of the argument ("-" reads stdin)'),
  optionLine('--image FILE', 'a reference image for edit, repeatable (the first is the original)'),
  optionLine('--mask FILE', "a PNG the first image's size; its transparent pixels may change"),
  optionLine('--out DIR', 'where images go (default: the current folder); never overwrites'),
  optionLine('--verbose', 'log requests (call ids, timings) to stderr'),
  optionLine('-h, --help', 'this text'),
  optionLine('-v, --version', 'the version (as in package.json)'),
  '',
  `The API key is read from ${ENV_API_KEY} only.`,
].join('\n');
