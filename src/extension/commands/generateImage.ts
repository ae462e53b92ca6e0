/**
 * LiteLLM: Generate Image… and Generate Image from Selection. The prompt comes from the argument object, or an input
 * box pre-filled with the editor's selection; options come from the arguments, the prompt box's options step, else
 * the settings.
 */
import * as vscode from 'vscode';
import { loadCore } from '../coreLoader';
import { argumentObject } from '../commandArguments';
import { Commands } from '../ids';
import { captureInsertionPoint } from '../imageDelivery';
import { dismissed, failed, ImageCommandResult, quietPresenter, runImageJob, wantsQuiet } from '../imageJob';
import { checkOutputLocation, generationFolder, type OutputLocation } from '../outputLocation';
import { promptAndOptions } from '../promptInput';
import type { Services } from '../services';

function selectedText(editor: vscode.TextEditor | undefined): string {
  if (!editor || editor.selection.isEmpty) return '';
  return editor.document.getText(editor.selection).trim();
}

/** Retry's argument objects and the location they save into (kept whole, so a confined folder stays confined). */
const retryLocations = new WeakMap<object, OutputLocation>();

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
    const answer = await promptAndOptions(
      s,
      args,
      {
        title: vscode.l10n.t('Generate Image'),
        initial: selection,
        help: vscode.l10n.t(
          'Describe the image. Enter generates with your settings; ⚙ sets options for this image.',
        ),
        placeholder: vscode.l10n.t('e.g. a lighthouse at dusk, oil painting'),
        emptyMessage: vscode.l10n.t('The prompt is empty: describe the image first.'),
      },
      opts.fromSelection ? selection : undefined,
    );
    if (!answer) return dismissed();
    const { prompt, model, options } = answer;

    const retried = typeof rawArgs === 'object' && rawArgs !== null && retryLocations.get(rawArgs);
    if (retried) await checkOutputLocation(retried);
    const location = retried || (await generationFolder(args.folder, editor?.document));
    if (!location) return dismissed();
    s.log.info(`[generate] into ${location.folder}`);
    // Retry repeats exactly this request, without asking for the prompt or folder again.
    const again = { ...args, ...options, prompt, model, folder: location.folder, signal: undefined };
    retryLocations.set(again, location);
    rerun = () => generateImage(s, again, opts);
    return await runImageJob(s, {
      ...(args.quiet ? { presenter: quietPresenter(s) } : {}),
      title: vscode.l10n.t('Generating image'),
      plan: core.planGenerate({
        prompt,
        model,
        fallbacks: args.fallbacks,
        options,
        folder: location.folder,
        fileName: args.fileName,
      }),
      location,
      insertion,
      insertLink: args.insertLink,
      open: args.open,
      signal: args.signal,
      retry: rerun,
    });
  } catch (e) {
    return failed(s, e, rerun, wantsQuiet(rawArgs));
  }
}
