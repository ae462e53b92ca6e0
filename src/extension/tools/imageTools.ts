/**
 * The language-model tools (litellm_generate_image, litellm_edit_image, litellm_list_image_models): a thin front end
 * for VS Code's agents over the same commands as the palette, so a tool call sends, saves, names and records exactly
 * what the command would. What comes back is text a model can act on: the workspace-relative paths, the model that
 * answered, warnings, or the plain message of a failure with what to change. Loaded with dist/reports.js.
 */
import * as vscode from 'vscode';
import { editImage } from '../commands/editImage';
import { generateImage } from '../commands/generateImage';
import { capabilityOverrides, readCoreSettings, readOutputSettings } from '../configuration';
import { loadCore } from '../coreLoader';
import { formatEstimate } from '../estimateText';
import { summarizeFailure } from '../failures';
import { recentImageModels } from '../modelListCache';
import type { Services } from '../services';
import { toolAnswer } from './toolAnswer';
import { outsideMessage, resolveToolPath } from './toolPaths';

export interface GenerateToolInput {
  prompt: string;
  size?: string;
  aspectRatio?: string;
  quality?: string;
  n?: number;
  model?: string;
  background?: string;
  outputFormat?: string;
  /** Workspace-relative folder (default: litellm.image.outputFolder). */
  folder?: string;
  /** The file name to use (`hero`; the extension follows the image's format; never overwriting). */
  fileName?: string;
}

export interface EditToolInput extends GenerateToolInput {
  /** Workspace-relative (or absolute) paths of the images to edit; the first is the original. */
  references: string[];
  mask?: string;
}

function commandArgs(input: GenerateToolInput, signal: AbortSignal) {
  return {
    prompt: input.prompt ?? '',
    ...(input.model ? { model: input.model } : {}),
    ...(input.size ? { size: input.size } : {}),
    ...(input.aspectRatio ? { aspectRatio: input.aspectRatio } : {}),
    ...(input.quality ? { quality: input.quality } : {}),
    ...(input.n ? { count: input.n } : {}),
    ...(input.background ? { background: input.background } : {}),
    ...(input.outputFormat ? { outputFormat: input.outputFormat } : {}),
    ...(input.folder ? { folder: input.folder } : {}),
    ...(input.fileName ? { fileName: input.fileName } : {}),
    // An agent's images are reported to it, not opened in editors or typed into the user's document.
    open: false,
    insertLink: false,
    // The tool's answer carries the outcome; a notification would repeat it outside the chat.
    quiet: true,
    signal,
  };
}

function refusal(message: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(message)]);
}

function cancellable(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const sub = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => sub.dispose() };
}

/** The confirmation waits at most this long for the proxy's prices; without them it shows no estimate. */
const ESTIMATE_WAIT_MS = 4_000;

/**
 * The estimated cost of the call, from the prices the proxy publishes for the model (`/model/info`), for the size,
 * quality and count asked; nothing when the proxy publishes none, cannot price this request or does not answer in
 * time. The fallbacks are not priced: they answer only when the model fails.
 */
async function estimateLine(
  s: Services,
  model: string,
  request: { size?: string; aspectRatio?: string; quality?: string; n?: number },
  token: vscode.CancellationToken,
): Promise<string | undefined> {
  const c = cancellable(token);
  try {
    const signal = AbortSignal.any([c.signal, AbortSignal.timeout(ESTIMATE_WAIT_MS)]);
    const models = await recentImageModels(s, signal);
    const core = loadCore();
    const outcome = core.estimateForModel(models, model, capabilityOverrides(core), request);
    if (!('estimate' in outcome)) return undefined;
    return vscode.l10n.t(
      "Estimated cost: {0}, from the prices the proxy publishes (the proxy's own report follows the call)",
      formatEstimate(outcome.estimate),
    );
  } catch {
    // No key yet, an unusable setting, a slow or failing proxy: the confirmation goes on without an estimate.
    return undefined;
  } finally {
    c.dispose();
  }
}

/**
 * What the confirmation names: the model and its fallbacks, the size, the count, the folder it writes into and, when
 * the proxy publishes prices, the estimated cost.
 */
async function confirmation(
  s: Services,
  input: GenerateToolInput,
  what: string,
  token: vscode.CancellationToken,
): Promise<vscode.PreparedToolInvocation> {
  const raw = readCoreSettings() as {
    model?: string;
    fallbacks?: string[];
    defaults?: { size?: string; n?: number; quality?: string };
  };
  const model = input.model ?? raw.model ?? '?';
  const fallbacks = input.model ? [] : (raw.fallbacks ?? []);
  const size = input.aspectRatio ?? input.size ?? raw.defaults?.size ?? vscode.l10n.t('the model decides');
  const count = input.n ?? raw.defaults?.n ?? 1;
  const folder = input.folder ?? readOutputSettings().outputFolder;
  const estimate = await estimateLine(
    s,
    model,
    {
      size: input.size ?? raw.defaults?.size,
      aspectRatio: input.aspectRatio,
      quality: input.quality ?? raw.defaults?.quality,
      n: count,
    },
    token,
  );
  const message = [
    what,
    '',
    `- ${vscode.l10n.t('Model: {0}', fallbacks.length ? `${model} (${vscode.l10n.t('then {0}', fallbacks.join(', '))})` : model)}`,
    `- ${vscode.l10n.t('Size: {0}', String(size))}`,
    `- ${vscode.l10n.t('Images: {0}', count)}`,
    `- ${vscode.l10n.t('Saved into: {0}', folder)}`,
    ...(estimate ? [`- ${estimate}`] : []),
  ].join('\n');
  return {
    invocationMessage: vscode.l10n.t('Making an image with {0}…', model),
    confirmationMessages: {
      title: vscode.l10n.t('Send an image request to LiteLLM?'),
      message: new vscode.MarkdownString(message),
    },
  };
}

export function generateTool(s: Services): vscode.LanguageModelTool<GenerateToolInput> {
  return {
    prepareInvocation: (options, token) =>
      confirmation(s, options.input, vscode.l10n.t('Generate: {0}', options.input.prompt ?? ''), token),
    async invoke(options, token) {
      const folder = options.input.folder ? resolveToolPath(options.input.folder) : undefined;
      const refused = folder && (await outsideMessage([folder]));
      if (refused) return refusal(refused);
      const c = cancellable(token);
      try {
        const args = { ...commandArgs(options.input, c.signal), ...(folder ? { folder } : {}) };
        return toolAnswer(await generateImage(s, args));
      } finally {
        c.dispose();
      }
    },
  };
}

export function editTool(s: Services): vscode.LanguageModelTool<EditToolInput> {
  return {
    prepareInvocation: (options, token) =>
      confirmation(
        s,
        options.input,
        vscode.l10n.t(
          'Edit {0}: {1}',
          (options.input.references ?? []).join(', '),
          options.input.prompt ?? '',
        ),
        token,
      ),
    async invoke(options, token) {
      // The command checks references and masks inside the workspace too; the folder it would take from anywhere.
      const images = (options.input.references ?? []).map(resolveToolPath);
      const mask = options.input.mask ? resolveToolPath(options.input.mask) : undefined;
      const folder = options.input.folder ? resolveToolPath(options.input.folder) : undefined;
      const refused = await outsideMessage([...images, ...(mask ? [mask] : []), ...(folder ? [folder] : [])]);
      if (refused) return refusal(refused);
      const c = cancellable(token);
      try {
        const args = {
          ...commandArgs(options.input, c.signal),
          images,
          ...(mask ? { mask } : {}),
          ...(folder ? { folder } : {}),
        };
        return toolAnswer(await editImage(s, args, undefined));
      } finally {
        c.dispose();
      }
    },
  };
}

export function listModelsTool(s: Services): vscode.LanguageModelTool<Record<string, never>> {
  return {
    async invoke(_options, token) {
      const c = cancellable(token);
      try {
        const models = await s.clients.use(undefined, (session) =>
          session.client.listImageModels({ signal: c.signal }),
        );
        const core = loadCore();
        const text = models.length
          ? models
              .map((m) => {
                const can = m.canEdit ? vscode.l10n.t('generate, edit') : vscode.l10n.t('generate');
                // What one image costs, by the proxy's published prices, helps a model choose; absent, nothing.
                const outcome = core.estimateCost(m.prices, m.capabilities, {});
                const price =
                  'estimate' in outcome
                    ? `, ${vscode.l10n.t('estimated {0} per image', formatEstimate(outcome.estimate))}`
                    : '';
                return `- ${m.id} (${can}${price})`;
              })
              .join('\n')
          : vscode.l10n.t('The proxy lists no image models.');
        return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
      } catch (e) {
        return new vscode.LanguageModelToolResult([
          new vscode.LanguageModelTextPart(summarizeFailure(e).message),
        ]);
      } finally {
        c.dispose();
      }
    },
  };
}
