/**
 * The argument objects the extension's commands accept (from keybindings, tasks, other extensions and tests), checked
 * here so a typo in a keybinding gets a message that names the argument instead of being silently ignored.
 *
 * It needs zod, so it runs inside dist/core.js (coreBundle.ts bundles it there, next to the core's own zod): the
 * commands reach it through loadCore(), which they call first anyway, and activation carries neither. Plain Node: no
 * `vscode` here, so the unit test runs it directly.
 */
import { z } from 'zod';
import { LiteLLMError } from '../core/errors';
import { ImageOptionsSchema } from '../core/imageOptions';

const LinkChoice = z.union([z.boolean(), z.enum(['auto', 'markdown', 'html', 'path', 'never'])]);

const CommonArgs = ImageOptionsSchema.extend({
  prompt: z.string().optional(),
  model: z.string().min(1).optional(),
  fallbacks: z.array(z.string().min(1)).max(10).optional(),
  /** Same as `n` (the setting is called `litellm.image.count`). */
  count: z.number().int().min(1).max(10).optional(),
  /** Where to save: absolute, or relative to the workspace folder. */
  folder: z.string().min(1).optional(),
  /** The file name (`hero` or `hero.png`): the extension follows the image's format; a taken name gets `-2`. */
  fileName: z.string().min(1).max(100).optional(),
  /** Insert a link into the active editor: true/false, or a link style. */
  insertLink: LinkChoice.optional(),
  /** Open the saved images (default: `litellm.image.openAfterSave`). */
  open: z.boolean().optional(),
  /** No notifications (progress, failure): the caller shows the outcome itself, as the language-model tools do. */
  quiet: z.boolean().optional(),
  /** Cancels the call (only from code in the same extension host: other extensions and tests). */
  signal: z.instanceof(AbortSignal, { message: 'must be an AbortSignal' }).optional(),
});

export const GenerateArgsSchema = CommonArgs.strict();
export type GenerateArgs = z.infer<typeof GenerateArgsSchema>;

export const EditArgsSchema = CommonArgs.extend({
  /** Reference images: file paths or file: URIs. The first decides where results are saved. */
  images: z.array(z.string().min(1)).min(1).max(16).optional(),
  mask: z.string().min(1).optional(),
}).strict();
export type EditArgs = z.infer<typeof EditArgsSchema>;

function describe(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `"${issue.path.join('.')}"` : 'the argument';
  if (issue.code === 'unrecognized_keys')
    return `unknown argument${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return `${where}: ${issue.message}`;
}

function parseArgs<T>(schema: z.ZodType<T>, command: string, raw: unknown): T {
  if (raw === undefined || raw === null) return {} as T;
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw new LiteLLMError(
    'invalid_request',
    {
      code: 'frontEnd.text',
      params: { text: `Invalid arguments for ${command}: ${result.error.issues.map(describe).join('; ')}.` },
    },
    { actions: [] },
  );
}

export function parseGenerateArgs(command: string, raw: unknown): GenerateArgs {
  return parseArgs(GenerateArgsSchema, command, raw);
}

export function parseEditArgs(command: string, raw: unknown): EditArgs {
  return parseArgs(EditArgsSchema, command, raw);
}

/** The image options in an argument object (`count` is an alias of `n`). */
export function optionsFromArgs(a: GenerateArgs): z.infer<typeof ImageOptionsSchema> {
  const { size, quality, n, count, background, outputFormat, outputCompression, moderation, style } = a;
  const out: Record<string, unknown> = {
    size,
    quality,
    n: n ?? count,
    background,
    outputFormat,
    outputCompression,
    moderation,
    style,
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}
