/**
 * The commands that only report (Test Connection, Show Image Info): their own bundle, dist/reports.js, required on
 * first use (reportsLoader.ts), so activation does not carry their report text.
 */
export { disposeReportDocuments } from './reportDocuments';
export { testConnection } from './commands/testConnection';
export { showImageInfo } from './commands/showImageInfo';
export { editTool, generateTool, listModelsTool } from './tools/imageTools';
