/**
 * The images the Studio shows (results, history, references), addressed by opaque ids: the webview only ever names an
 * id, and the host looks up the file. Ids are derived from the path, so a card keeps its id across refreshes and
 * reloads, and a result and its history entry are the same card.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { NotAsRequested, ProducedImage } from '../../core/producedImage';
import type { Provenance } from '../../core/provenance';
import type { ImageCard, ImageDetails } from '../../shared/studio/protocol';
import { formatUsd } from '../costText';
import { messageText } from '../messageText';

export interface KnownImage {
  path: string;
  details?: ImageDetails;
  /** The files an edit used (absolute), so it can be re-run with the same references and mask. */
  inputs?: { references: string[]; mask?: string };
}

export function imageId(file: string): string {
  return createHash('sha256').update(path.resolve(file)).digest('base64url').slice(0, 22);
}

/** Workspace-relative when inside a folder of the workspace, else the absolute path. */
export function displayPath(file: string): string {
  return vscode.workspace.asRelativePath(
    vscode.Uri.file(file),
    vscode.workspace.workspaceFolders?.length !== 1,
  );
}

/** The card's cost: the proxy's figure in the one format, or nothing when it is unknown. */
export function costDetails(cost: number | undefined): Pick<ImageDetails, 'cost' | 'costText'> {
  return cost === undefined ? {} : { cost, costText: formatUsd(cost) };
}

/** How an image differs from its request, as the card's mark says it. */
export function differenceText(d: NotAsRequested | undefined): Pick<ImageDetails, 'notAsRequested'> {
  return d ? { notAsRequested: messageText({ code: 'image.notAsRequested', params: d }) } : {};
}

/** `1024x1024` from a header, when it gave both sides. */
function pixelSize(p: ProducedImage | undefined): string | undefined {
  return p?.width && p.height ? `${p.width}x${p.height}` : undefined;
}

/**
 * A history card from a file's record and header: the size shown is the file's own (the header read now, else the
 * one recorded when it was saved), never only the one asked for; `compare` is the core's requested-vs-produced check.
 */
export function detailsFromProvenance(
  p: Provenance,
  header?: ProducedImage,
  compare?: (p: Provenance, produced: ProducedImage) => NotAsRequested | undefined,
): ImageDetails {
  const produced = header ?? p.produced;
  return {
    operation: p.operation,
    prompt: p.prompt,
    model: p.model,
    requestedModel: p.requestedModel,
    usedFallback: p.requestedModel !== undefined && p.requestedModel !== p.model,
    size: pixelSize(produced) ?? p.parameters.size,
    ...costDetails(p.cost),
    ...differenceText(produced && compare?.(p, produced)),
    revisedPrompt: p.revisedPrompt,
    options: p.parameters,
  };
}

export class ImageRegistry {
  private readonly known = new Map<string, KnownImage>();

  constructor(private readonly webview: () => vscode.Webview | undefined) {}

  remember(file: string, extra: Omit<KnownImage, 'path'> = {}): string {
    const id = imageId(file);
    const old = this.known.get(id);
    this.known.set(id, {
      path: file,
      details: extra.details ?? old?.details,
      inputs: extra.inputs ?? old?.inputs,
    });
    return id;
  }

  get(id: string): KnownImage | undefined {
    return this.known.get(id);
  }

  src(file: string): string {
    return this.webview()?.asWebviewUri(vscode.Uri.file(file)).toString() ?? '';
  }

  card(file: string, time: number, extra: Omit<KnownImage, 'path'> = {}): ImageCard {
    const id = this.remember(file, extra);
    return {
      id,
      name: path.basename(file),
      label: displayPath(file),
      src: this.src(file),
      time,
      details: this.known.get(id)?.details,
    };
  }
}
