/**
 * One LogOutputChannel for the whole extension. Lines carry a component prefix (and call ids from the core); the key
 * never reaches this file: the core redacts proxy text, and the glue logs no secrets or image bytes.
 */
import * as vscode from 'vscode';
import type { Logger } from '../core/logger';

export const LOG_CHANNEL_NAME = 'LiteLLM Images';

export function createLogChannel(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true });
}

/** The core's Logger interface on top of the channel, with a component prefix. */
export function componentLogger(channel: vscode.LogOutputChannel, component: string): Logger {
  const prefix = `[${component}] `;
  return {
    debug: (m) => channel.debug(prefix + m),
    info: (m) => channel.info(prefix + m),
    warn: (m) => channel.warn(prefix + m),
    error: (m) => channel.error(prefix + m),
  };
}
