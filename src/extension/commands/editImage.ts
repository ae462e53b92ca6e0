/**
 * LiteLLM: Edit Image… from the Explorer (several selected images become several references), the image preview's
 * title bar, or the palette. Inputs are checked before anything is sent; results are new files beside the first
 * original, which is never touched.
 *
 * Which files may be sent: whatever the user picks in the file dialogs (their explicit choice, anywhere); a file a
 * menu passed, except that one in the workspace which is a link leading out of it is refused (a repository can plant
 * `cat.png` → `~/Pictures/passport.png`); and `images`/`mask` arguments only inside the workspace (or a user-set
 * output folder) once links are followed, since arguments need not come from the user.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { requireAllowedPath } from '../allowedPaths';
import { argumentObject, menuResources, pathFromArgument } from '../commandArguments';
import { loadCore } from '../coreLoader';
import { Commands } from '../ids';
import { captureInsertionPoint } from '../imageDelivery';
import { dismissed, failed, ImageCommandResult, quietPresenter, runImageJob, wantsQuiet } from '../imageJob';
import { editLocation } from '../outputLocation';
import { promptAndOptions } from '../promptInput';
import type { Services } from '../services';
import { ownText } from '../messageText';

const IMAGE_FILTERS = { [vscode.l10n.t('Images')]: ['png', 'jpg', 'jpeg', 'webp'] };

async function pickReferences(): Promise<string[] | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: true,
    filters: IMAGE_FILTERS,
    openLabel: vscode.l10n.t('Edit'),
    title: vscode.l10n.t('Choose the image to edit (select several to use them all as references)'),
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.map((u) => u.fsPath);
}

/** Undefined = cancelled; null = no mask. */
async function pickMask(): Promise<string | null | undefined> {
  const none = {
    label: vscode.l10n.t('$(circle-slash) No mask'),
    detail: vscode.l10n.t('The model may change any part of the image.'),
  };
  const file = {
    label: vscode.l10n.t('$(file-media) Choose a mask…'),
    detail: vscode.l10n.t('A PNG the size of the image; its transparent pixels mark the area to change.'),
  };
  const choice = await vscode.window.showQuickPick([none, file], {
    title: vscode.l10n.t('Edit Image: mask'),
    ignoreFocusOut: true,
  });
  if (!choice) return undefined;
  if (choice === none) return null;
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { [vscode.l10n.t('PNG mask')]: ['png'] },
    openLabel: vscode.l10n.t('Use as Mask'),
  });
  return picked?.[0]?.fsPath;
}

/** The argument objects Retry passes: their files were accepted already (perhaps picked by the user, anywhere). */
const retries = new WeakSet<object>();

export async function editImage(s: Services, first: unknown, second: unknown): Promise<ImageCommandResult> {
  let rerun = () => editImage(s, first, second);
  try {
    const core = loadCore();
    const args = core.parseEditArgs(Commands.editImage, argumentObject(first));
    const fromMenu = menuResources(first, second);
    const nonFile = fromMenu.find((u) => u.scheme !== 'file');
    if (nonFile)
      throw new core.LiteLLMError(
        'input',
        ownText(
          vscode.l10n.t(
            '{0} is not a file on disk; only local images can be edited.',
            nonFile.toString(true),
          ),
        ),
      );
    const checked = typeof first === 'object' && first !== null && retries.has(first);
    const fromArgs = args.images?.map(pathFromArgument);
    for (const file of checked ? [] : (fromArgs ?? [])) await requireAllowedPath(file);
    for (const uri of fromArgs ? [] : fromMenu)
      if (vscode.workspace.getWorkspaceFolder(uri)) await requireAllowedPath(uri.fsPath);
    const images = fromArgs ?? fromMenu.map((u) => u.fsPath);
    const references = images.length ? images : await pickReferences();
    if (!references?.length) return dismissed();
    // Refuse non-images and oversized files now, with the file's name, before asking for a prompt.
    for (const ref of references) await core.checkInputImage(ref, 'reference');

    const interactive = args.prompt === undefined;
    let mask: string | undefined = args.mask ? pathFromArgument(args.mask) : undefined;
    if (mask && !checked) await requireAllowedPath(mask);
    if (!mask && interactive) {
      const picked = await pickMask();
      if (picked === undefined) return dismissed();
      mask = picked ?? undefined;
    }
    if (mask) await core.checkInputImage(mask, 'mask');

    const answer = await promptAndOptions(s, args, {
      title: vscode.l10n.t('Edit {0}', path.basename(references[0]!)),
      initial: '',
      help: vscode.l10n.t(
        'Say what to change. Enter edits with your settings; ⚙ sets options for this edit.',
      ),
      placeholder: vscode.l10n.t('e.g. make the sky stormy'),
      emptyMessage: vscode.l10n.t('The prompt is empty: say what to change.'),
    });
    if (!answer) return dismissed();
    const { prompt, model, options } = answer;

    const plan = core.planEdit({
      prompt,
      references,
      mask,
      model,
      fallbacks: args.fallbacks,
      options,
      folder: args.folder,
      fileName: args.fileName,
    });
    const location = editLocation(plan.save.folder, references[0]!);
    const again = {
      ...args,
      ...options,
      prompt,
      model,
      images: references,
      mask,
      folder: location.folder,
      signal: undefined,
    };
    retries.add(again);
    rerun = () => editImage(s, again, undefined);
    return await runImageJob(s, {
      ...(args.quiet ? { presenter: quietPresenter(s) } : {}),
      title: vscode.l10n.t('Editing {0}', path.basename(references[0]!)),
      plan,
      location,
      insertion: args.insertLink ? captureInsertionPoint(vscode.window.activeTextEditor) : undefined,
      insertLink: args.insertLink,
      open: args.open,
      signal: args.signal,
      retry: rerun,
    });
  } catch (e) {
    return failed(s, e, rerun, wantsQuiet(first));
  }
}
