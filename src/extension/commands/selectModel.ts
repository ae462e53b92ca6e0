/** LiteLLM: Select Image Model: the model picker, then `litellm.image.model` written where it is currently set. */
import * as vscode from 'vscode';
import { argumentObject } from '../commandArguments';
import { updateSetting } from '../configuration';
import { SECTION, Settings } from '../ids';
import { pickModel } from '../modelPicker';
import type { Services } from '../services';

export interface SelectModelResult {
  model?: string;
}

export async function selectModel(s: Services, raw: unknown): Promise<SelectModelResult> {
  const given = argumentObject(raw) as { model?: unknown } | undefined;
  const fromArgs = typeof given?.model === 'string' ? given.model.trim() : '';
  const current = vscode.workspace.getConfiguration(SECTION).get<string>(Settings.model) ?? '';
  const model = fromArgs || (await pickModel(s, current, vscode.l10n.t('Select Image Model')));
  if (!model) return {};
  await updateSetting(Settings.model, model);
  s.log.info(`[models] litellm.image.model = ${model}`);
  return { model };
}
