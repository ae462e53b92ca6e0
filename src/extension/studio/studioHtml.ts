/**
 * The Studio's HTML shell: a strict Content Security Policy (nothing but our own bundle runs, with a nonce fresh on
 * every load), the bundle and its stylesheet through `asWebviewUri`, and the localised strings as data.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** The folders the webview may load from, besides the workspace's image folders. */
export function extensionRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')];
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    // data:/blob: only for the mask canvas; every image file comes through the webview's own resource origin.
    `img-src ${cspSource} data: blob:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function studioHtml(webview: vscode.Webview, extensionUri: vscode.Uri, strings: object): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (file: string) =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', file)).toString();
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('studio.css')}">
<title>${escapeAttribute(vscode.l10n.t('Image Studio'))}</title>
</head>
<body data-strings="${escapeAttribute(JSON.stringify(strings))}">
<main id="app"></main>
<script nonce="${nonce}" src="${asset('studio.js')}"></script>
</body>
</html>`;
}
