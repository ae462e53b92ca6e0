/**
 * LiteLLM: Show Image Info (Explorer context menu on images): what an image was made with, read back from its PNG
 * chunk or sidecar, with the next steps a user wants from there: copy the prompt, or generate again with it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Provenance } from '../../core/provenance';
import { menuResources } from '../commandArguments';
import { loadCore } from '../coreLoader';
import { readCoreSettings } from '../configuration';
import { formatUsd } from '../costText';
import { messageText } from '../messageText';
import { Commands } from '../ids';
import { plainNotificationText } from '../notificationText';
import type { Services } from '../services';

export async function showImageInfo(s: Services, first: unknown): Promise<Provenance | undefined> {
  const uri =
    menuResources(first, undefined)[0] ??
    (typeof first === 'object' && first !== null && typeof (first as { path?: unknown }).path === 'string'
      ? vscode.Uri.file((first as { path: string }).path)
      : undefined);
  if (!uri || uri.scheme !== 'file') {
    // The extension runs beside the files (remote windows included: VS Code hands it file: URIs there too), so
    // anything else is a virtual or unsaved document.
    void vscode.window.showErrorMessage(
      uri
        ? vscode.l10n.t(
            '{0} is not a file on disk; Show Image Info reads images from disk.',
            uri.toString(true),
          )
        : vscode.l10n.t('Show Image Info needs an image file on disk.'),
    );
    return undefined;
  }
  const name = path.basename(uri.fsPath);
  const info = await loadCore().readProvenanceFromFile(uri.fsPath);
  if (!info) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        '{0} carries no LiteLLM Images information (it was not made by this extension, or it was re-saved by another program).',
        name,
      ),
    );
    return undefined;
  }
  s.log.info(`[info] ${name}: ${info.operation} with ${info.model} at ${info.createdAt}`);
  const p = info.parameters;
  const produced = info.produced;
  const got = produced?.width && produced.height ? `${produced.width}x${produced.height}` : undefined;
  // Recorded request against recorded result: the same check that warned when the image was saved.
  const differs =
    produced &&
    loadCore().compareWithRequest(
      {
        model: info.requestedModel ?? info.model,
        options: p,
        ...(info.askedShape ? { asked: info.askedShape } : {}),
      },
      produced,
      info.model,
    );
  // Both sides of the shape: the file's pixels and what was asked (a size, or the ratio a size travelled as).
  const askedShape = [
    info.askedShape?.aspectRatio ?? p.aspectRatio ?? p.size,
    info.askedShape?.imageSize ?? p.imageSize,
  ]
    .filter((v) => v !== undefined && v !== 'auto')
    .join(', ');
  const size =
    got && askedShape && (differs?.size || differs?.aspectRatio || differs?.imageSize)
      ? vscode.l10n.t('{0} (asked for {1})', got, askedShape)
      : (got ?? (askedShape || undefined));
  const cost =
    info.cost !== undefined
      ? vscode.l10n.t('{0} as reported by the proxy', formatUsd(info.cost))
      : vscode.l10n.t('cost unknown');
  const facts = [info.model, size, p.quality, cost].filter(Boolean).join(', ');
  const note = differs
    ? ` ${vscode.l10n.t('Not as asked: {0}', messageText({ code: 'image.notAsRequested', params: differs }))}`
    : '';
  const copy = vscode.l10n.t('Copy Prompt');
  const again = vscode.l10n.t('Generate Again');
  void vscode.window
    .showInformationMessage(plainNotificationText(`${name}: “${info.prompt}” (${facts})${note}`), copy, again)
    .then(async (picked) => {
      if (picked === copy) await vscode.env.clipboard.writeText(info.prompt);
      if (picked === again) await generateAgain(s, uri, info);
    });
  return info;
}

/**
 * The file says what to send, and anyone can write that file (a repository can ship one asking for 10 images from
 * an expensive model): a modal names the model, size and count first, and exactly that count is sent.
 */
async function generateAgain(s: Services, uri: vscode.Uri, info: Provenance): Promise<void> {
  const scope = vscode.workspace.getWorkspaceFolder(uri)?.uri;
  // What the generate command will send: the file's parameters over the settings' defaults.
  const defaults = readCoreSettings(scope).defaults ?? {};
  const options = { ...defaults, ...info.parameters };
  const model = info.requestedModel ?? info.model;
  const count = options.n ?? 1;
  const size = options.size ?? vscode.l10n.t("the model's default");
  const generate = vscode.l10n.t('Generate');
  const answer = await vscode.window.showWarningMessage(
    plainNotificationText(vscode.l10n.t('Generate {0} image(s) with {1}?', count, model)),
    {
      modal: true,
      // The prompt last: a very long one is cut, the facts are not.
      detail: plainNotificationText(
        vscode.l10n.t(
          'Model: {0}\nSize: {1}\nCount: {2}\nAs recorded in {3}; the proxy bills every image.\n\nPrompt: “{4}”',
          model,
          size,
          count,
          path.basename(uri.fsPath),
          info.prompt,
        ),
      ),
    },
    generate,
  );
  if (answer !== generate) {
    s.log.info(`[info] generate again from ${path.basename(uri.fsPath)}: not confirmed, nothing sent`);
    return;
  }
  await vscode.commands.executeCommand(Commands.generateImage, {
    prompt: info.prompt,
    model,
    ...info.parameters,
    n: count,
  });
}
