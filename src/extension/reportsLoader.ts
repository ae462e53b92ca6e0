/** Loads dist/reports.js (Test Connection, Show Image Info) the first time one of them runs. */
import type * as Reports from './reports';

let loaded: typeof Reports | undefined;

export function loadReports(): typeof Reports {
  // A literal path esbuild leaves alone (external): resolved next to dist/extension.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, deliberately late load
  loaded ??= require('./reports.js') as typeof Reports;
  return loaded;
}

/** On deactivation: disposes what the reports registered, without loading them when no report ever ran. */
export function disposeReports(): void {
  loaded?.disposeReportDocuments();
}
