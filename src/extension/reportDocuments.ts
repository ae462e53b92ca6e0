/**
 * Read-only documents for the extension's reports (Test Connection): a virtual document on the extension's own
 * scheme, so it opens as Markdown that can be read, copied and previewed but is never an unsaved Untitled file that
 * asks to be saved on close. The content provider is registered on the first report, not at activation.
 */
import * as vscode from 'vscode';

export const REPORT_SCHEME = 'litellm-images';

export class ReportDocuments implements vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private registration: vscode.Disposable | undefined;

  /** Shows `text` as the read-only document `name` (e.g. `connection-report.md`); a second report replaces it. */
  async show(name: string, text: string): Promise<vscode.TextEditor> {
    this.registration ??= vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, {
      onDidChange: this.changed.event,
      provideTextDocumentContent: (uri) => this.texts.get(uri.path) ?? '',
    });
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${name}` });
    const known = this.texts.has(uri.path);
    this.texts.set(uri.path, text);
    if (known) this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(
      doc.languageId === 'markdown' ? doc : await vscode.languages.setTextDocumentLanguage(doc, 'markdown'),
      { preview: true },
    );
  }

  dispose(): void {
    this.registration?.dispose();
    this.changed.dispose();
  }
}
