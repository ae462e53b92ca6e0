/**
 * LiteLLM: Generate Image… and Generate Image from Selection. The prompt comes from the argument object, or an input
 * box pre-filled with the editor's selection; options come from the arguments, else the settings.
 */
import * as vscode from 'vscode';
import { loadCore } from '../coreLoader';
import { argumentObject } from '../commandArguments';
import { Commands } from '../ids';
import { captureInsertionPoint } from '../imageDelivery';
import { dismissed, failed, ImageCommandResult, runImageJob } from '../imageJob';
import { generationFolder } from '../outputLocation';
import type { Services } from '../services';

export async function askForPrompt(initial: string, title: string): Promise<string | undefined> {
  const prompt = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Describe the image. Press Enter to generate, Escape to cancel.'),
    placeHolder: vscode.l10n.t('e.g. a lighthouse at dusk, oil painting'),
    value: initial,
    ignoreFocusOut: true,
    validateInput: (v) =>
      v.trim() ? undefined : vscode.l10n.t('The prompt is empty: describe the image first.'),
  });
  return prompt?.trim();
}

function selectedText(editor: vscode.TextEditor | undefined): string {
  if (!editor || editor.selection.isEmpty) return '';
  return editor.document.getText(editor.selection).trim();
}

export async function generateImage(
  s: Services,
  rawArgs: unknown,
  opts: { fromSelection?: boolean } = {},
): Promise<ImageCommandResult> {
  const command = opts.fromSelection ? Commands.generateFromSelection : Commands.generateImage;
  let rerun = () => generateImage(s, rawArgs, opts);
  try {
    const core = loadCore();
    const args = core.parseGenerateArgs(command, argumentObject(rawArgs));
    const editor = vscode.window.activeTextEditor;
    const insertion = captureInsertionPoint(editor);
    const selection = selectedText(editor);
    let prompt = args.prompt?.trim();
    if (args.prompt !== undefined && !prompt)
      throw new core.LiteLLMError(
        'invalid_request',
        vscode.l10n.t('The prompt is empty: describe the image first.'),
      );
    if (prompt === undefined && opts.fromSelection && selection) prompt = selection;
    prompt ??= await askForPrompt(selection, vscode.l10n.t('Generate Image'));
    if (!prompt) return dismissed();

    const location = await generationFolder(args.folder, editor?.document);
    if (!location) return dismissed();
    s.log.info(`[generate] into ${location.folder}`);
    // Retry repeats exactly this request, without asking for the prompt or folder again.
    const again = { ...args, prompt, folder: location.folder, signal: undefined };
    rerun = () => generateImage(s, again, opts);
    return await runImageJob(s, {
      title: vscode.l10n.t('Generating image'),
      prompt,
      location,
      save: { operation: 'generate' },
      insertion,
      insertLink: args.insertLink,
      open: args.open,
      signal: args.signal,
      call: (session, ctl) =>
        session.client.generate(
          {
            prompt: prompt!,
            model: args.model,
            fallbacks: args.fallbacks,
            options: core.optionsFromArgs(args),
          },
          ctl,
        ),
      retry: rerun,
    });
  } catch (e) {
    return failed(s, e, rerun);
  }
}
