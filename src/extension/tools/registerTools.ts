/**
 * What activation registers for the language-model tools: their names, each delegating to the implementation in
 * dist/reports.js, loaded the first time an agent prepares or runs one.
 */
import * as vscode from 'vscode';
import { loadReports } from '../reportsLoader';
import type { Services } from '../services';

export const TOOLS = {
  generate: 'litellm_generate_image',
  edit: 'litellm_edit_image',
  listModels: 'litellm_list_image_models',
} as const;

export function registerImageTools(context: vscode.ExtensionContext, s: Services): void {
  // Older hosts have no lm.registerTool: the commands still work there.
  if (typeof vscode.lm?.registerTool !== 'function') return;
  const lazy = <T>(
    make: (r: ReturnType<typeof loadReports>) => vscode.LanguageModelTool<T>,
  ): vscode.LanguageModelTool<T> => {
    let tool: vscode.LanguageModelTool<T> | undefined;
    const get = () => (tool ??= make(loadReports()));
    return {
      prepareInvocation: (options, token) => get().prepareInvocation?.(options, token),
      invoke: (options, token) => get().invoke(options, token),
    };
  };
  context.subscriptions.push(
    vscode.lm.registerTool(
      TOOLS.generate,
      lazy((r) => r.generateTool(s)),
    ),
    vscode.lm.registerTool(
      TOOLS.edit,
      lazy((r) => r.editTool(s)),
    ),
    vscode.lm.registerTool(
      TOOLS.listModels,
      lazy((r) => r.listModelsTool(s)),
    ),
  );
}
