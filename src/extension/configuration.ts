/**
 * Reads `litellm.*` settings into the core's raw settings shape and the extension's own options. Validation is the
 * core's (one zod schema, messages that name the setting). In an untrusted workspace VS Code itself ignores the
 * workspace's values of the restricted settings (package.json `restrictedConfigurations`), so a cloned repository
 * cannot point the key at another server; nothing here has to re-implement that.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CapabilityOverrides } from '../core/capabilityOverrides';
import type { CoreSettings, RawCoreSettings } from '../core/settings';
import type { InsertLinkSetting } from './linkText';
import type { FileNaming } from '../core/saveResult';
import { SECTION, SETTING_SPECS, Settings, SETTINGS } from './ids';

export interface OutputSettings {
  outputFolder: string;
  fileNames: FileNaming;
  insertLink: InsertLinkSetting;
  openAfterSave: boolean;
}

function config(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION, scope);
}

/** "" and null mean "not set: the model decides", so they are left out rather than sent. */
function optional<T>(value: T | '' | null | undefined): T | undefined {
  return value === '' || value === null ? undefined : value;
}

/** Every setting the registry maps into the core's raw settings, at its path (`defaults.size` → `{ defaults: { size } }`). */
export function readCoreSettings(scope?: vscode.ConfigurationScope): RawCoreSettings {
  const c = config(scope);
  const raw: Record<string, unknown> = { defaults: {} };
  for (const spec of SETTING_SPECS) {
    if (!spec.core) continue;
    const value = c.get<unknown>(spec.key);
    const [head, leaf] = spec.core.split('.') as [string, string | undefined];
    if (leaf === undefined) raw[head] = spec.emptyMeansUnset ? optional(value) : value;
    else (raw[head] as Record<string, unknown>)[leaf] = spec.emptyMeansUnset ? optional(value) : value;
  }
  return raw as RawCoreSettings;
}

/**
 * The parsed `litellm.image.modelCapabilities`, for the pickers and the Studio (the client reads it with the other
 * settings). Unusable settings read as none here: the run itself reports what is wrong and where.
 */
export function capabilityOverrides(core: {
  parseSettings(raw: unknown): CoreSettings;
}): CapabilityOverrides {
  try {
    return core.parseSettings(readCoreSettings()).modelCapabilities;
  } catch {
    return {};
  }
}

export function readOutputSettings(scope?: vscode.ConfigurationScope): OutputSettings {
  const c = config(scope);
  return {
    outputFolder: c.get<string>(Settings.outputFolder) || SETTINGS.outputFolder.default,
    fileNames: c.get<FileNaming>(Settings.fileNames) === 'date-prompt' ? 'date-prompt' : 'prompt',
    insertLink: c.get<InsertLinkSetting>(Settings.insertLink) ?? SETTINGS.insertLink.default,
    openAfterSave: c.get<boolean>(Settings.openAfterSave) ?? SETTINGS.openAfterSave.default,
  };
}

export interface ConfiguredOutputFolder {
  /** Absolute. */
  folder: string;
  workspaceFolder: vscode.WorkspaceFolder;
  /**
   * Whether writes must stay inside `workspaceFolder` once symbolic links are followed: true unless the value is the
   * user's own (user settings). A cloned repository's `.vscode/settings.json` (or its `.code-workspace`) can say
   * `../x`, an absolute path, or rely on the default `images` being a link it planted.
   */
  confined: boolean;
}

/** The one rule for where `litellm.image.outputFolder` points in a workspace folder, and who chose it. */
export function configuredOutputFolder(workspaceFolder: vscode.WorkspaceFolder): ConfiguredOutputFolder {
  const c = config(workspaceFolder.uri);
  const value = readOutputSettings(workspaceFolder.uri).outputFolder;
  const where = c.inspect<string>(Settings.outputFolder);
  const fromWorkspace = [
    where?.workspaceFolderValue,
    where?.workspaceValue,
    where?.workspaceFolderLanguageValue,
    where?.workspaceLanguageValue,
  ].some((v) => v !== undefined && v === value);
  const fromUser = !fromWorkspace && (where?.globalValue === value || where?.globalLanguageValue === value);
  return { folder: path.resolve(workspaceFolder.uri.fsPath, value), workspaceFolder, confined: !fromUser };
}

export function configuredModel(): string {
  return config().get<string>(Settings.model) ?? '';
}

export function showCostInStatusBar(): boolean {
  return config().get<boolean>(Settings.showCost) ?? SETTINGS.showCost.default;
}

/** The configured proxy origin, or undefined when the base URL is not a URL (the core reports why on use). */
export function configuredOrigin(): string | undefined {
  try {
    return new URL(config().get<string>(Settings.baseUrl) ?? '').origin;
  } catch {
    return undefined;
  }
}

export function affectsProxy(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(`${SECTION}.${Settings.baseUrl}`);
}

/** Writes a setting where it is currently defined (workspace if the workspace sets it, else the user settings). */
export async function updateSetting(key: string, value: unknown): Promise<void> {
  const c = config();
  const where = c.inspect(key);
  const target =
    where?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : where?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await c.update(key, value, target);
}
