/**
 * The language-model tools (litellm_generate_image, litellm_edit_image, litellm_list_image_models): a thin front end
 * for VS Code's agents over the same commands as the palette, so a tool call sends, saves, names and records exactly
 * what the command would. What comes back is text a model can act on: the workspace-relative paths, the model that
 * answered, warnings, or the plain message of a failure with what to change. Loaded with dist/reports.js.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatUsd } from '../costText';
import { editImage } from '../commands/editImage';
import { generateImage } from '../commands/generateImage';
import { readCoreSettings, readOutputSettings } from '../configuration';
import { summarizeFailure } from '../failures';
import type { ImageCommandResult } from '../imageJob';
import { displayPath } from '../studio/studioImages';
import type { Services } from '../services';

export interface GenerateToolInput {
  prompt: string;
  size?: string;
  quality?: string;
  n?: number;
  model?: string;
  background?: string;
  outputFormat?: string;
  /** Workspace-relative folder (default: litellm.image.outputFolder). */
  folder?: string;
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
    ...(input.quality ? { quality: input.quality } : {}),
    ...(input.n ? { count: input.n } : {}),
    ...(input.background ? { background: input.background } : {}),
    ...(input.outputFormat ? { outputFormat: input.outputFormat } : {}),
    ...(input.folder ? { folder: input.folder } : {}),
    // An agent's images are reported to it, not opened in editors or typed into the user's document.
    open: false,
    insertLink: false,
    // The tool's answer carries the outcome; a notification would repeat it outside the chat.
    quiet: true,
    signal,
  };
}

function resultText(r: ImageCommandResult): string {
  if (r.status === 'done') {
    const lines = [
      vscode.l10n.t('Saved {0} image(s) with {1}:', r.files.length, r.model ?? '?'),
      ...r.files.map((f) => `- ${displayPath(f)}`),
      ...(r.cost !== undefined ? [vscode.l10n.t('Cost reported by the proxy: {0}', formatUsd(r.cost))] : []),
      ...r.warnings.map((w) => vscode.l10n.t('Warning: {0}', w)),
    ];
    return lines.join('\n');
  }
  if (r.status === 'cancelled') return vscode.l10n.t('Cancelled: no image was saved.');
  if (r.status === 'dismissed') return vscode.l10n.t('Nothing was sent.');
  const saved = r.files.length
    ? `\n${vscode.l10n.t('Saved before the failure:')}\n${r.files.map((f) => `- ${displayPath(f)}`).join('\n')}`
    : '';
  return vscode.l10n.t('The image request failed: {0}', r.error?.message ?? '?') + saved;
}

function toolResult(r: ImageCommandResult): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(resultText(r))]);
}

function cancellable(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const sub = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => sub.dispose() };
}

/** What the confirmation names: the model and its fallbacks, the size, the count and the folder it writes into. */
function confirmation(input: GenerateToolInput, what: string): vscode.PreparedToolInvocation {
  const raw = readCoreSettings() as {
    model?: string;
    fallbacks?: string[];
    defaults?: { size?: string; n?: number };
  };
  const model = input.model ?? raw.model ?? '?';
  const fallbacks = input.model ? [] : (raw.fallbacks ?? []);
  const size = input.size ?? raw.defaults?.size ?? vscode.l10n.t('the model decides');
  const count = input.n ?? raw.defaults?.n ?? 1;
  const folder = input.folder ?? readOutputSettings().outputFolder;
  const message = [
    what,
    '',
    `- ${vscode.l10n.t('Model: {0}', fallbacks.length ? `${model} (${vscode.l10n.t('then {0}', fallbacks.join(', '))})` : model)}`,
    `- ${vscode.l10n.t('Size: {0}', String(size))}`,
    `- ${vscode.l10n.t('Images: {0}', count)}`,
    `- ${vscode.l10n.t('Saved into: {0}', folder)}`,
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
    prepareInvocation: (options) =>
      confirmation(options.input, vscode.l10n.t('Generate: {0}', options.input.prompt ?? '')),
    async invoke(options, token) {
      const c = cancellable(token);
      try {
        return toolResult(await generateImage(s, commandArgs(options.input, c.signal)));
      } finally {
        c.dispose();
      }
    },
  };
}

export function editTool(s: Services): vscode.LanguageModelTool<EditToolInput> {
  return {
    prepareInvocation: (options) =>
      confirmation(
        options.input,
        vscode.l10n.t(
          'Edit {0}: {1}',
          (options.input.references ?? []).join(', '),
          options.input.prompt ?? '',
        ),
      ),
    async invoke(options, token) {
      const c = cancellable(token);
      // Workspace-relative paths are relative to the first folder; the command then checks each inside the
      // workspace, after links.
      const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
      const resolve = (p: string) => (path.isAbsolute(p) ? p : path.resolve(root, p));
      try {
        const args = {
          ...commandArgs(options.input, c.signal),
          images: (options.input.references ?? []).map(resolve),
          ...(options.input.mask ? { mask: resolve(options.input.mask) } : {}),
        };
        return toolResult(await editImage(s, args, undefined));
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
        const text = models.length
          ? models
              .map(
                (m) =>
                  `- ${m.id} (${m.canEdit ? vscode.l10n.t('generate, edit') : vscode.l10n.t('generate')})`,
              )
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
