/**
 * `litellm-images mcp`: the same use cases as the CLI's commands, as MCP tools over stdio, for agents that take
 * tools through MCP (Claude Code, Codex CLI, Cursor, VS Code's mcp.json). Stdout carries only protocol frames; logs
 * go to stderr. `root` (the `--out` folder) is where images are written and the only tree references are read from.
 */
import * as path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import {
  BACKGROUNDS,
  callDifferences,
  firstOutside,
  formatUsd,
  MAX_PROMPT_CHARS,
  MAX_REFERENCES,
  isLiteLLMError,
  type ImagePlan,
  type ImageResult,
  type LiteLLMClient,
  OUTPUT_FORMATS,
  planEdit,
  planGenerate,
  QUALITIES,
  ASPECT_RATIOS,
  saveImageResult,
} from '../core';
import type { ThumbnailSkip } from '../core/thumbnail';
import { cliText } from './surface';

type Content = { type: 'text'; text: string } | { type: 'image'; data: string; mimeType: string };
type ToolResult = { content: Content[]; isError?: boolean };

/** Thumbnails for the first few images, so the agent sees what it made without reading a 4K file into context. */
const MAX_THUMBNAILS = 4;

const imageOptions = {
  prompt: z.string().max(MAX_PROMPT_CHARS).describe('What to draw (or, for an edit, what to change).'),
  size: z
    .string()
    .max(20)
    .optional()
    .describe('WIDTHxHEIGHT in pixels, e.g. 1536x1024, or "auto"; the model decides when left out.'),
  aspect_ratio: z
    .enum(ASPECT_RATIOS)
    .optional()
    .describe('Aspect ratio for Gemini, Imagen and Stability models, instead of size.'),
  quality: z.enum(QUALITIES).optional(),
  n: z.number().int().min(1).max(10).optional().describe('How many images.'),
  model: z
    .string()
    .max(200)
    .optional()
    .describe("The proxy's model name; the server's --model and fallbacks when left out."),
  background: z.enum(BACKGROUNDS).optional(),
  output_format: z.enum(OUTPUT_FORMATS).optional(),
  file_name: z
    .string()
    .max(100)
    .optional()
    .describe(
      'The file name, e.g. "hero" (the extension follows the image format); a taken name gets -2, -3, never overwritten.',
    ),
};

function text(t: string, isError = false): ToolResult {
  return { content: [{ type: 'text', text: t }], ...(isError ? { isError: true } : {}) };
}

function failure(e: unknown): ToolResult {
  return text(isLiteLLMError(e) ? cliText(e.reported) : `Unexpected error: ${String(e)}`, true);
}

/** What a finished call says: each file relative to the root, the model that answered, its size, cost, warnings. */
async function saveAndDescribe(result: ImageResult, plan: ImagePlan, root: string): Promise<ToolResult> {
  const outcome = await saveImageResult(result, plan.save);
  // Required here, not imported above: esbuild then initialises Jimp's codecs on the first saved image, not when
  // `generate` or `models` starts.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deliberately late load
  const { makeThumbnail } = require('../core/thumbnail') as typeof import('../core/thumbnail');
  const lines = outcome.saved.map(
    (s) =>
      `${path.relative(root, s.path).split(path.sep).join('/')} (${s.image.width}x${s.image.height}, ${s.image.mimeType})`,
  );
  const images: Content[] = [];
  const previews: string[] = [];
  for (const s of outcome.saved.slice(0, MAX_THUMBNAILS)) {
    const made = await makeThumbnail(s.image.bytes);
    if ('thumbnail' in made) {
      const t = made.thumbnail;
      images.push({ type: 'image', data: t.data.toString('base64'), mimeType: t.mimeType });
    } else previews.push(`No preview of ${path.basename(s.path)}: ${thumbnailSkipText[made.skipped]}.`);
  }
  const notes = [
    `Saved ${outcome.saved.length} image(s) with ${result.model}${result.usedFallback ? ` (fallback for ${result.requestedModel})` : ''}:`,
    ...lines.map((l) => `- ${l}`),
    costLine(result.meta.cost, result.images.length),
    ...result.images.flatMap((i) => (i.revisedPrompt ? [`Revised prompt: ${i.revisedPrompt}`] : [])),
    ...result.warnings.map((w) => `Warning: ${cliText(w)}`),
    ...callDifferences(outcome.saved.map((s) => s.notAsRequested)).map(
      (d) => `Not as requested: ${cliText(d)}`,
    ),
    ...(result.incomplete ? [`Then: ${cliText(result.incomplete.reported)}`] : []),
    ...(outcome.error ? [`Not saved: ${cliText(outcome.error.reported)}`] : []),
    ...previews,
  ];
  return {
    content: [{ type: 'text', text: notes.join('\n') }, ...images],
    ...(outcome.saved.length ? {} : { isError: true }),
  };
}

/**
 * The proxy's report in the format the extension shows ($0.0400, $1.25); 0 or no header is unknown, never $0.00
 * (the core already turned both into undefined). Several images: the call's total, which their shares add up to.
 */
export function costLine(cost: number | undefined, images: number): string {
  if (cost === undefined) return 'Cost: unknown (the proxy reported none)';
  return images > 1
    ? `Cost reported by the proxy: ${formatUsd(cost)} for ${images} images`
    : `Cost reported by the proxy: ${formatUsd(cost)}`;
}

const thumbnailSkipText: Record<ThumbnailSkip, string> = {
  notAnImage: 'the file is not a PNG, JPEG, WebP or GIF',
  tooManyPixels: 'it has too many pixels to decode safely',
  unsupportedFormat: 'only PNG and JPEG are scaled down',
  undecodable: 'its bytes do not decode',
  tooLarge: 'even the smallest preview exceeds the size limit',
};

export function imageToolsServer(client: LiteLLMClient, root: string, version: string): McpServer {
  const server = new McpServer({ name: 'litellm-images', version });
  const optionsOf = (a: {
    size?: string;
    aspect_ratio?: string;
    quality?: string;
    n?: number;
    background?: string;
    output_format?: string;
  }) =>
    Object.fromEntries(
      Object.entries({
        size: a.size,
        aspectRatio: a.aspect_ratio,
        quality: a.quality,
        n: a.n,
        background: a.background,
        outputFormat: a.output_format,
      }).filter(([, v]) => v !== undefined),
    );

  /** Sends a plan under the call's cancellation and saves what came back; any failure is an isError result. */
  const run = async (make: () => Promise<ImagePlan> | ImagePlan, signal: AbortSignal) => {
    try {
      const plan = await make();
      return await saveAndDescribe(await plan.call(client, { signal }), plan, root);
    } catch (e) {
      return failure(e);
    }
  };

  server.registerTool(
    'generate_image',
    {
      description: `Generate images from a prompt through the LiteLLM proxy and save them under ${root}.`,
      inputSchema: imageOptions,
    },
    (a, extra) =>
      run(
        () =>
          planGenerate({
            prompt: a.prompt,
            model: a.model,
            options: optionsOf(a),
            folder: root,
            fileName: a.file_name,
          }),
        extra.signal,
      ),
  );

  server.registerTool(
    'edit_image',
    {
      description: `Edit images: the references (paths inside ${root}) change as the prompt says; an optional PNG mask is transparent where they may change.`,
      inputSchema: {
        ...imageOptions,
        references: z
          .array(z.string().max(4096))
          .min(1)
          .max(MAX_REFERENCES)
          .describe('Image paths, absolute or relative to the output root.'),
        mask: z.string().max(4096).optional(),
      },
    },
    async (a, extra) => {
      const references = a.references.map((p) => path.resolve(root, p));
      const mask = a.mask === undefined ? undefined : path.resolve(root, a.mask);
      const outside = await firstOutside([...references, ...(mask ? [mask] : [])], [root]);
      if (outside)
        return text(
          `${outside.file} is outside ${root}, the only folder this server reads from. Nothing was sent.`,
          true,
        );
      return run(
        () =>
          planEdit({
            prompt: a.prompt,
            model: a.model,
            options: optionsOf(a),
            references,
            mask,
            folder: root,
            fileName: a.file_name,
          }),
        extra.signal,
      );
    },
  );

  server.registerTool(
    'list_image_models',
    { description: "The proxy's image models: which can generate, which can edit.", inputSchema: {} },
    async (_a, extra) => {
      try {
        const models = await client.listImageModels({ signal: extra.signal });
        return text(
          models.length
            ? models.map((m) => `- ${m.id}${m.canEdit ? ' (generate, edit)' : ' (generate)'}`).join('\n')
            : 'The proxy lists no image models.',
        );
      } catch (e) {
        return failure(e);
      }
    },
  );
  return server;
}

/** Serves until stdin closes. */
export async function serveMcp(client: LiteLLMClient, root: string, version: string): Promise<void> {
  const server = imageToolsServer(client, root, version);
  const closed = new Promise<void>((resolve) => process.stdin.once('end', resolve).once('close', resolve));
  await server.connect(new StdioServerTransport());
  await closed;
  await server.close();
}
