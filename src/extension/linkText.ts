/**
 * The text inserted into a document for a saved image: a Markdown image, an `<img>` tag or a plain path, chosen by
 * the document's language. Pure (no `vscode` import) so it is unit-tested in plain Node.
 */
import * as path from 'node:path';

export type LinkStyle = 'markdown' | 'html' | 'jsx' | 'path';
export type InsertLinkSetting = 'auto' | 'markdown' | 'html' | 'path' | 'never';

const MARKDOWN_LIKE = new Set(['markdown', 'mdx', 'quarto', 'rmd', 'restructuredtext', 'asciidoc']);
const HTML_LIKE = new Set(['html', 'vue', 'svelte', 'astro', 'php', 'handlebars', 'razor', 'xml', 'erb']);
const JSX_LIKE = new Set(['javascriptreact', 'typescriptreact']);

/** The link style for a document, or undefined when nothing should be inserted. */
export function linkStyleFor(languageId: string, setting: InsertLinkSetting): LinkStyle | undefined {
  if (setting === 'never') return undefined;
  if (setting === 'markdown' || setting === 'path') return setting;
  if (setting === 'html') return JSX_LIKE.has(languageId) ? 'jsx' : 'html';
  if (MARKDOWN_LIKE.has(languageId)) return 'markdown';
  if (JSX_LIKE.has(languageId)) return 'jsx';
  if (HTML_LIKE.has(languageId)) return 'html';
  return 'path';
}

/** `images/a cat.png` relative to the document's folder, always with forward slashes. */
export function relativeImagePath(documentPath: string, imagePath: string): string {
  return path.relative(path.dirname(documentPath), imagePath).split(path.sep).join('/');
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Alt text from the prompt: one line, short, without characters that would break the link syntax. */
export function altTextFromPrompt(prompt: string, maxLength = 100): string {
  const flat = prompt.replace(/\s+/g, ' ').trim();
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1).trimEnd()}…` : flat;
}

export function formatImageLink(style: LinkStyle, relPath: string, alt: string): string {
  switch (style) {
    case 'markdown': {
      // Angle brackets keep paths with spaces or parentheses intact (CommonMark link destination).
      const dest = /[\s()<>]/.test(relPath) ? `<${relPath.replace(/[<>]/g, encodeURIComponent)}>` : relPath;
      return `![${alt.replace(/[[\]\\]/g, '\\$&')}](${dest})`;
    }
    case 'html':
      return `<img src="${escapeAttribute(relPath)}" alt="${escapeAttribute(alt)}">`;
    case 'jsx':
      return `<img src="${escapeAttribute(relPath)}" alt="${escapeAttribute(alt)}" />`;
    case 'path':
      return relPath;
  }
}
