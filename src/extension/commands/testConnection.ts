/**
 * LiteLLM: Test Connection. One report: the network-policy verdict, whether the proxy answers, its version, whether
 * the key works, the image models, and what to fix. The summary is a notification; "Show Report" opens the whole
 * report as a read-only Markdown document (nothing secret is in it: the core never puts the key in a report), which
 * never asks to be saved.
 */
import * as vscode from 'vscode';
import type { ConnectionReport } from '../../core/connectionCheck';
import { argumentObject } from '../commandArguments';
import { Commands } from '../ids';
import { messageText } from '../messageText';
import { summarizeFailure } from '../failures';
import { plainNotificationText } from '../notificationText';
import { reportDocuments } from '../reportDocuments';
import type { Services } from '../services';

/** The report as the command returns it (to tests and other extensions): its messages as shown, in the UI's language. */
export type ShownConnectionReport = Omit<
  ConnectionReport,
  'policy' | 'problems' | 'forwardProxy' | 'certificates'
> & {
  policy: { allowed: boolean; summary: string };
  forwardProxy: string;
  certificates?: string;
  problems: string[];
};

export interface TestConnectionResult {
  report?: ShownConnectionReport;
  text?: string;
  error?: string;
}

function shownReport({ certificates, ...r }: ConnectionReport): ShownConnectionReport {
  return {
    ...r,
    policy: { allowed: r.policy.allowed, summary: r.policy.summary ? messageText(r.policy.summary) : '' },
    forwardProxy: messageText(r.forwardProxy),
    ...(certificates ? { certificates: messageText(certificates) } : {}),
    problems: r.problems.map(messageText),
  };
}

function authLine(r: ConnectionReport, keySource: string): string {
  switch (r.auth) {
    case 'ok':
      return vscode.l10n.t('accepted (key from {0})', keySource);
    case 'not_required':
      return vscode.l10n.t('this proxy needs no key');
    case 'missing':
      return vscode.l10n.t('the proxy needs a key and none is set');
    case 'rejected':
      return vscode.l10n.t('the proxy rejected the key');
    case 'unknown':
      return vscode.l10n.t('not checked');
  }
}

export function reportText(r: ConnectionReport, keySource: string): string {
  const yes = vscode.l10n.t('yes');
  const no = vscode.l10n.t('no');
  const models = r.models.length
    ? r.models.map((m) => `  - \`${m.id}\`${m.canEdit ? '' : ` (${vscode.l10n.t('no edits')})`}`).join('\n')
    : `  - ${vscode.l10n.t('none found')}`;
  const lines = [
    `# ${vscode.l10n.t('LiteLLM connection report')}`,
    '',
    `- ${vscode.l10n.t('Proxy')}: ${r.baseUrl}`,
    `- ${vscode.l10n.t('Network policy')}: ${r.policy.allowed ? vscode.l10n.t('allowed') : vscode.l10n.t('refused')} — ${r.policy.summary ? messageText(r.policy.summary) : ''}`,
    `- ${vscode.l10n.t('Forward proxy')}: ${messageText(r.forwardProxy)}`,
    ...(r.certificates ? [`- ${vscode.l10n.t('Trusted certificates')}: ${messageText(r.certificates)}`] : []),
    `- ${vscode.l10n.t('Reachable')}: ${r.reachable ? yes : no}`,
    `- ${vscode.l10n.t('Version')}: ${r.version ?? vscode.l10n.t('not reported')}`,
    `- ${vscode.l10n.t('API key')}: ${authLine(r, keySource)}`,
    `- ${vscode.l10n.t('Image models')}:`,
    models,
  ];
  if (r.problems.length)
    lines.push('', `## ${vscode.l10n.t('What to fix')}`, '', ...r.problems.map((p) => `- ${messageText(p)}`));
  return lines.join('\n') + '\n';
}

function summaryLine(r: ConnectionReport): string {
  if (r.ok)
    return vscode.l10n.t(
      'Connected to {0}{1}: {2} image model(s).',
      r.baseUrl,
      r.version ? ` (LiteLLM ${r.version})` : '',
      r.models.length,
    );
  return vscode.l10n.t(
    'Connection problem with {0}: {1}',
    r.baseUrl,
    r.problems[0] ? messageText(r.problems[0]) : vscode.l10n.t('see the report'),
  );
}

export async function testConnection(s: Services, raw: unknown): Promise<TestConnectionResult> {
  const quiet = (argumentObject(raw) as { quiet?: unknown } | undefined)?.quiet === true;
  try {
    const { report, keySource } = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Testing the LiteLLM connection…'),
        cancellable: true,
      },
      (_p, token) =>
        s.clients.use(undefined, async (session) => {
          const controller = new AbortController();
          const sub = token.onCancellationRequested(() => controller.abort());
          try {
            return {
              report: await session.core.checkConnection(session.client, { signal: controller.signal }),
              keySource: session.keySource,
            };
          } finally {
            sub.dispose();
          }
        }),
    );
    const text = reportText(report, keySource);
    s.log.info(`[connection] ${text.replace(/\n+/g, ' | ')}`);
    if (!quiet) {
      const show = vscode.l10n.t('Show Report');
      const fixes: Array<[string, string]> = [];
      if (report.auth === 'missing' || report.auth === 'rejected')
        fixes.push([vscode.l10n.t('Set API Key'), Commands.setApiKey]);
      if (!report.policy.allowed || !report.reachable)
        fixes.push([vscode.l10n.t('Open Settings'), Commands.openSettings]);
      const notify = report.ok ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
      void notify(plainNotificationText(summaryLine(report)), show, ...fixes.map((f) => f[0])).then(
        async (picked) => {
          if (picked === show) await reportDocuments().show('connection-report.md', text);
          else {
            const fix = fixes.find((f) => f[0] === picked);
            if (fix) await vscode.commands.executeCommand(fix[1]);
          }
        },
      );
    }
    return { report: shownReport(report), text };
  } catch (e) {
    // Only settings problems get here: the check itself reports proxy problems in the report.
    const summary = summarizeFailure(e);
    if (!quiet)
      void vscode.window
        .showErrorMessage(summary.message, vscode.l10n.t('Open Settings'))
        .then((b) => b && vscode.commands.executeCommand(Commands.openSettings));
    return { error: summary.message };
  }
}
