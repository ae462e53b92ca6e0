/**
 * The image-model quick pick: the proxy's image models (with what is known about each, and how it is known), listed
 * as they arrive, and manual entry always available (discovery is a hint: `/v1/models` carries no capabilities).
 * Used by Select Image Model and by the prompt's "options for this image" step.
 */
import * as vscode from 'vscode';
import type { DiscoveredModel } from '../core/discovery';
import { summarizeFailure } from './failures';
import type { Services } from './services';

interface ModelItem extends vscode.QuickPickItem {
  model?: string;
  manual?: boolean;
}

/**
 * What is known about a model, saying where each part comes from: the proxy declares a model an image model (its
 * mode or endpoints) or we recognise it by its name; sizes and counts are those of the model family we recognise.
 */
function describeModel(m: DiscoveredModel): string {
  const can = [m.canGenerate && vscode.l10n.t('generate'), m.canEdit && vscode.l10n.t('edit')].filter(
    Boolean,
  );
  const source =
    m.evidence === 'name'
      ? vscode.l10n.t('an image model by its name')
      : vscode.l10n.t('an image model, as the proxy declares');
  const caps = m.capabilities;
  let limits: string | undefined;
  if (caps) {
    const sizes = caps.flexibleSize
      ? vscode.l10n.t('any size up to {0}px a side', caps.flexibleSize.maxSide)
      : caps.sizes.join(', ');
    const counts =
      caps.maxPerRequest === 1
        ? vscode.l10n.t(
            'one image per request (a count of up to {0} makes that many requests)',
            caps.maxCount,
          )
        : vscode.l10n.t('up to {0} images per request', caps.maxPerRequest);
    limits = vscode.l10n.t('as {0}: {1}; {2}', caps.family, sizes, counts);
  }
  return [source, can.join(' · '), limits].filter(Boolean).join(' — ');
}

async function enterManually(current: string): Promise<string | undefined> {
  const v = await vscode.window.showInputBox({
    title: vscode.l10n.t('Image model'),
    prompt: vscode.l10n.t('A model name from your LiteLLM proxy (model_name), e.g. gpt-image-2'),
    value: current,
    ignoreFocusOut: true,
    validateInput: (x) => (x.trim() ? undefined : vscode.l10n.t('Enter a model name.')),
  });
  return v?.trim();
}

/** Resolves to the chosen model name, or undefined when the user cancelled. */
export async function pickModel(s: Services, current: string, title: string): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<ModelItem>();
  pick.title = title;
  pick.placeholder = vscode.l10n.t('Models your LiteLLM proxy offers for images (current: {0})', current);
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.ignoreFocusOut = true;
  const manual: ModelItem = {
    label: vscode.l10n.t('$(edit) Enter a model name…'),
    detail: vscode.l10n.t(
      'For models the proxy does not list, or names it does not recognise as image models',
    ),
    manual: true,
    alwaysShow: true,
  };
  pick.items = [manual];
  pick.busy = true;
  pick.show();
  const controller = new AbortController();
  s.clients
    .use(undefined, (session) => session.client.listImageModels({ signal: controller.signal }))
    .then(
      (models) => {
        const items: ModelItem[] = models.map((m) => ({
          label: `${m.id === current ? '$(check) ' : ''}${m.id}`,
          description: m.providerModel && m.providerModel !== m.id ? m.providerModel : undefined,
          detail: describeModel(m),
          model: m.id,
        }));
        if (!items.length)
          items.push({ label: vscode.l10n.t('$(info) The proxy lists no image models'), alwaysShow: true });
        pick.items = [...items, { label: '', kind: vscode.QuickPickItemKind.Separator }, manual];
        pick.activeItems = items.filter((i) => i.model === current);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        const why = summarizeFailure(e).message;
        s.log.warn(`[models] discovery failed: ${why}`);
        pick.items = [
          { label: vscode.l10n.t('$(warning) Could not list models'), detail: why, alwaysShow: true },
          manual,
        ];
      },
    )
    .finally(() => (pick.busy = false));
  const chosen = await new Promise<ModelItem | undefined>((resolve) => {
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0];
      if (item && (item.model || item.manual)) resolve(item);
    });
    pick.onDidHide(() => resolve(undefined));
  });
  controller.abort();
  pick.dispose();
  if (!chosen) return undefined;
  return chosen.manual ? enterManually(current) : chosen.model;
}
