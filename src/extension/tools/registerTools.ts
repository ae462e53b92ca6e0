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

/** What VS Code shows before a tool call: the confirmation's title and text, and the progress line. */
export interface ToolConfirmation {
  invocationMessage?: string;
  title?: string;
  message?: string;
}

const registered = new Map<string, vscode.LanguageModelTool<unknown>>();

/**
 * The confirmation a tool call would show, from the same prepareInvocation VS Code calls (for the extension's API:
 * what an agent is about to send can be shown or checked outside a chat, as the integration tests do).
 */
export async function prepareToolInvocation(
  name: string,
  input: object,
): Promise<ToolConfirmation | undefined> {
  const tool = registered.get(name);
  if (!tool?.prepareInvocation) return undefined;
  const token = new vscode.CancellationTokenSource().token;
  const prepared = await tool.prepareInvocation({ input }, token);
  const text = (m: string | vscode.MarkdownString | undefined) => (typeof m === 'string' ? m : m?.value);
  return prepared
    ? {
        invocationMessage: text(prepared.invocationMessage),
        title: prepared.confirmationMessages?.title,
        message: text(prepared.confirmationMessages?.message),
      }
    : undefined;
}

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
  const tools: [string, vscode.LanguageModelTool<never>][] = [
    [TOOLS.generate, lazy((r) => r.generateTool(s))],
    [TOOLS.edit, lazy((r) => r.editTool(s))],
    [TOOLS.listModels, lazy((r) => r.listModelsTool(s))],
  ];
  for (const [name, tool] of tools) {
    registered.set(name, tool as vscode.LanguageModelTool<unknown>);
    context.subscriptions.push(vscode.lm.registerTool(name, tool), {
      dispose: () => registered.delete(name),
    });
  }
}
