/**
 * What the buttons on a result or history image do: open, reveal, copy the path, insert a link, use it as a
 * reference, load its recorded settings into the composer, or run it again from its provenance.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ComposerDraft, ImageAction } from '../../shared/studio/protocol';
import { loadCore } from '../coreLoader';
import type { ImageRegistry, KnownImage } from './studioImages';
import { insertLinkInto } from './studioLinks';
import type { StudioRequest } from './studioPresenter';
import { ownText } from '../messageText';

/** What the actions need of the controller. */
export interface ImageActionHost {
  readonly images: ImageRegistry;
  readonly log: vscode.LogOutputChannel;
  lastEditor(): vscode.TextEditor | undefined;
  notice(text: string): void;
  addReferences(files: string[]): Promise<void>;
  /** Replaces the composer (and empties the references). */
  loadComposer(draft: ComposerDraft): void;
  requireInputsAllowed(references: readonly string[], mask: string | undefined): Promise<void>;
  execute(request: StudioRequest): Promise<void>;
}

export async function runImageAction(host: ImageActionHost, action: ImageAction, id: string): Promise<void> {
  const image = host.images.get(id);
  if (!image) {
    host.log.warn(`[studio] ${action}: no image with id ${id}`);
    return;
  }
  const uri = vscode.Uri.file(image.path);
  switch (action) {
    case 'open':
      await vscode.commands.executeCommand('vscode.open', uri, { viewColumn: vscode.ViewColumn.Beside });
      return;
    case 'reveal':
      await vscode.commands.executeCommand('revealInExplorer', uri);
      return;
    case 'copyPath':
      await vscode.env.clipboard.writeText(image.path);
      host.notice(vscode.l10n.t('Copied {0}', image.path));
      return;
    case 'insertLink':
      host.notice(await insertLinkInto(host.lastEditor(), image.path, image.details?.prompt));
      return;
    case 'useAsReference':
      await host.addReferences([image.path]);
      return;
    case 'loadSettings':
      loadSettings(host, image);
      return;
    case 'rerun':
      await rerun(host, image);
      return;
  }
}

function requireDetails(image: KnownImage): NonNullable<KnownImage['details']> {
  if (image.details) return image.details;
  throw new (loadCore().LiteLLMError)(
    'input',
    ownText(
      vscode.l10n.t(
        '{0} has no recorded settings (it was not made by this extension).',
        path.basename(image.path),
      ),
    ),
  );
}

function loadSettings(host: ImageActionHost, image: KnownImage): void {
  const d = requireDetails(image);
  host.loadComposer({ prompt: d.prompt, model: d.requestedModel ?? d.model, options: d.options });
  if (image.inputs) {
    void host.addReferences(image.inputs.references);
    if (image.inputs.mask)
      host.notice(vscode.l10n.t('The original mask is not loaded: paint it again if needed.'));
  }
}

async function rerun(host: ImageActionHost, image: KnownImage): Promise<void> {
  const d = requireDetails(image);
  const core = loadCore();
  const references = image.inputs?.references ?? [];
  // Provenance is a file in the workspace, so a repository can write what it likes there.
  await host.requireInputsAllowed(references, image.inputs?.mask);
  for (const r of references) await core.checkInputImage(r, 'reference');
  if (image.inputs?.mask) await core.checkInputImage(image.inputs.mask, 'mask');
  await host.execute({
    prompt: d.prompt,
    model: d.requestedModel ?? d.model,
    options: d.options,
    references,
    mask: image.inputs?.mask,
  });
}
