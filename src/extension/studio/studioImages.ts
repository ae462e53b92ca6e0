/**
 * The images the Studio shows (results, history, references), addressed by opaque ids: the webview only ever names an
 * id, and the host looks up the file. Ids are derived from the path, so a card keeps its id across refreshes and
 * reloads, and a result and its history entry are the same card.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Provenance } from '../../core/provenance';
import type { ImageCard, ImageDetails } from '../../shared/studio/protocol';

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

export function detailsFromProvenance(p: Provenance): ImageDetails {
  return {
    operation: p.operation,
    prompt: p.prompt,
    model: p.model,
    requestedModel: p.requestedModel,
    usedFallback: p.requestedModel !== undefined && p.requestedModel !== p.model,
    size: p.parameters.size,
    cost: p.cost,
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
