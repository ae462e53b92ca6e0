/**
 * Read-only documents for the extension's reports (Test Connection): a virtual document on the extension's own
 * scheme, so it opens as Markdown that can be read, copied and previewed but is never an unsaved Untitled file that
 * asks to be saved on close. It lives in dist/reports.js with the one report that uses it: created, and its content
 * provider registered, with the first report, never at activation (which disposes it through reportsLoader.ts).
 */
import * as vscode from 'vscode';

export const REPORT_SCHEME = 'litellm-images';

export class ReportDocuments implements vscode.Disposable {
  private readonly texts = new Map<string, string>();
  /** Registered with the first report. */
  private provider: { changed: vscode.EventEmitter<vscode.Uri>; registration: vscode.Disposable } | undefined;

  /** Shows `text` as the read-only document `name` (e.g. `connection-report.md`); a second report replaces it. */
  async show(name: string, text: string): Promise<vscode.TextEditor> {
    if (!this.provider) {
      const changed = new vscode.EventEmitter<vscode.Uri>();
      const registration = vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, {
        onDidChange: changed.event,
        provideTextDocumentContent: (uri) => this.texts.get(uri.path) ?? '',
      });
      this.provider = { changed, registration };
    }
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${name}` });
    const known = this.texts.has(uri.path);
    this.texts.set(uri.path, text);
    if (known) this.provider.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(
      doc.languageId === 'markdown' ? doc : await vscode.languages.setTextDocumentLanguage(doc, 'markdown'),
      { preview: true },
    );
  }

  dispose(): void {
    this.provider?.registration.dispose();
    this.provider?.changed.dispose();
    this.provider = undefined;
  }
}

let shared: ReportDocuments | undefined;

/** The extension's report documents, created with the first report. */
export function reportDocuments(): ReportDocuments {
  return (shared ??= new ReportDocuments());
}

/** On deactivation: closes the content provider, if a report ever registered it. */
export function disposeReportDocuments(): void {
  shared?.dispose();
  shared = undefined;
}
