/**
 * The prompt box of Generate and Edit. Enter runs with the settings; its ⚙ button opens quick picks for this image
 * only (model from the proxy, then the sizes, qualities and counts that model accepts), then returns to the prompt
 * with the text kept and the choices shown in the title.
 */
import * as vscode from 'vscode';
import type { GenerateArgs } from './commandArgSchemas';
import type { ImageOptions } from '../core/imageOptions';
import { capabilityOverrides, configuredModel } from './configuration';
import { loadCore } from './coreLoader';
import { pickModel } from './modelPicker';
import type { Services } from './services';
import { ownText, sizeProblemText } from './messageText';

export interface PromptRequest {
  title: string;
  initial: string;
  help: string;
  placeholder: string;
  emptyMessage: string;
  /** The model that would be used now (argument or setting). */
  model: string;
}

export interface PromptAnswer {
  prompt: string;
  /** Set when the user chose a model for this image. */
  model?: string;
  /** Options chosen for this image (over the settings' defaults). */
  options: ImageOptions;
}

type BoxResult = { kind: 'accept' | 'options'; value: string } | undefined;

function showPromptBox(req: PromptRequest, value: string, summary: string): Promise<BoxResult> {
  const box = vscode.window.createInputBox();
  box.title = summary ? `${req.title} — ${summary}` : req.title;
  box.prompt = req.help;
  box.placeholder = req.placeholder;
  box.value = value;
  box.ignoreFocusOut = true;
  const optionsButton: vscode.QuickInputButton = {
    // The gear the help text names (⚙); the plain `settings` codicon is a sliders icon.
    iconPath: new vscode.ThemeIcon('settings-gear'),
    tooltip: vscode.l10n.t('Model, size, quality and count for this image…'),
  };
  box.buttons = [optionsButton];
  return new Promise<BoxResult>((resolve) => {
    let done = false;
    const finish = (r: BoxResult) => {
      if (done) return;
      done = true;
      resolve(r);
      box.dispose();
    };
    box.onDidChangeValue((v) => {
      if (v.trim()) box.validationMessage = undefined;
    });
    box.onDidAccept(() => {
      if (!box.value.trim()) box.validationMessage = req.emptyMessage;
      else finish({ kind: 'accept', value: box.value.trim() });
    });
    box.onDidTriggerButton((b) => {
      if (b === optionsButton) finish({ kind: 'options', value: box.value });
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}

interface Choice<T> extends vscode.QuickPickItem {
  value: T;
}

async function pickOne<T>(
  title: string,
  items: Array<Choice<T>>,
  current: T,
): Promise<Choice<T> | undefined> {
  const pick = vscode.window.createQuickPick<Choice<T>>();
  pick.title = title;
  pick.items = items;
  pick.activeItems = items.filter((i) => i.value === current);
  pick.ignoreFocusOut = true;
  const chosen = await new Promise<Choice<T> | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  return chosen;
}

const CUSTOM = '__custom__';
const RATIO = '__ratio__:';

/** The per-image options flow; undefined when the user backed out (the earlier choices stay). */
async function pickOptions(
  s: Services,
  model: string,
  current: ImageOptions,
): Promise<{ model: string; options: ImageOptions } | undefined> {
  const core = loadCore();
  const step = (n: number, what: string) => vscode.l10n.t('Options for this image ({0}/4): {1}', n, what);
  const chosenModel = await pickModel(s, model, step(1, vscode.l10n.t('model')));
  if (!chosenModel) return undefined;
  const caps = core.capabilitiesFor(chosenModel, { overrides: capabilityOverrides(core) });
  const byDefault = vscode.l10n.t('$(circle-outline) Default');
  const defaultDetail = vscode.l10n.t('Your settings, or what the model does by default');

  const sizes = caps?.sizes ?? ['auto', '1024x1024', '1536x1024', '1024x1536'];
  // Models that take a ratio (Gemini, Imagen) list their ratios first: the shape that reaches them exactly.
  const ratios = caps?.aspectRatios ?? [];
  const sizeItems: Array<Choice<string | undefined>> = [
    { label: byDefault, detail: defaultDetail, value: undefined },
    ...ratios.map((r) => ({
      label: r,
      description: vscode.l10n.t('aspect ratio'),
      value: `${RATIO}${r}` as string | undefined,
    })),
    ...sizes.map((v) => ({ label: v, value: v as string | undefined })),
  ];
  if (!caps || caps.flexibleSize)
    sizeItems.push({ label: vscode.l10n.t('$(edit) Custom size…'), value: CUSTOM });
  const sizePick = await pickOne(
    step(2, vscode.l10n.t('size')),
    sizeItems,
    current.aspectRatio ? `${RATIO}${current.aspectRatio}` : current.size,
  );
  if (!sizePick) return undefined;
  let size = sizePick.value;
  let aspectRatio: ImageOptions['aspectRatio'];
  if (size?.startsWith(RATIO)) {
    aspectRatio = size.slice(RATIO.length) as ImageOptions['aspectRatio'];
    size = undefined;
  }
  if (size === CUSTOM) {
    const rule = caps?.flexibleSize;
    size = (
      await vscode.window.showInputBox({
        title: step(2, vscode.l10n.t('custom size')),
        prompt: vscode.l10n.t('WIDTHxHEIGHT in pixels, e.g. 2048x1152'),
        ignoreFocusOut: true,
        validateInput: (v) => {
          if (!core.SIZE_PATTERN.test(v.trim()))
            return vscode.l10n.t('Write the size as WIDTHxHEIGHT, e.g. 2048x1152.');
          const problem = rule ? core.flexibleSizeProblem(v.trim(), rule) : undefined;
          return problem
            ? vscode.l10n.t('{0} cannot make this size: {1}.', chosenModel, sizeProblemText(problem))
            : undefined;
        },
      })
    )?.trim();
    if (!size) return undefined;
  }

  const qualities = caps ? caps.qualities : core.QUALITIES;
  let quality = current.quality;
  if (qualities.length) {
    const q = await pickOne(
      step(3, vscode.l10n.t('quality')),
      [
        { label: byDefault, detail: defaultDetail, value: undefined },
        ...qualities.map((v) => ({ label: v, value: v as ImageOptions['quality'] })),
      ],
      current.quality,
    );
    if (!q) return undefined;
    quality = q.value;
  }

  const max = caps?.maxCount ?? 10;
  const counts = Array.from({ length: max }, (_, i) => i + 1);
  const n = await pickOne(
    step(4, vscode.l10n.t('how many images')),
    counts.map((c) => ({ label: String(c), value: c })),
    current.n ?? 1,
  );
  if (!n) return undefined;
  return {
    model: chosenModel,
    options: core.definedOptions({ size, aspectRatio, quality, n: n.value }),
  };
}

function summarize(model: string | undefined, o: ImageOptions): string {
  return [
    model,
    o.size ?? o.aspectRatio,
    o.quality,
    o.n && o.n > 1 ? vscode.l10n.t('{0} images', o.n) : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

export async function askForPrompt(s: Services, req: PromptRequest): Promise<PromptAnswer | undefined> {
  let value = req.initial;
  let model: string | undefined;
  let options: ImageOptions = {};
  for (;;) {
    const r = await showPromptBox(req, value, summarize(model, options));
    if (!r) return undefined;
    if (r.kind === 'accept') return { prompt: r.value, model, options };
    value = r.value;
    const chosen = await pickOptions(s, model ?? req.model, options);
    if (chosen) ({ model, options } = chosen);
  }
}

/**
 * The prompt, model and options of one call: the argument object's when it has a prompt (an empty one is refused),
 * else the prompt box. Undefined when the user dismissed the box.
 */
export async function promptAndOptions(
  s: Services,
  args: GenerateArgs,
  box: Omit<PromptRequest, 'model'>,
): Promise<PromptAnswer | undefined> {
  const core = loadCore();
  const options = core.optionsFromArgs(args);
  if (args.prompt !== undefined) {
    const prompt = args.prompt.trim();
    if (!prompt) throw new core.LiteLLMError('invalid_request', ownText(box.emptyMessage));
    return { prompt, model: args.model, options };
  }
  const answer = await askForPrompt(s, { ...box, model: args.model ?? configuredModel() });
  if (!answer) return undefined;
  return {
    prompt: answer.prompt,
    model: answer.model ?? args.model,
    options: { ...options, ...answer.options },
  };
}
