/** Settings and requests refused before anything is sent: invalid values and what a model cannot make. */
import type { ModelOption } from '../../core/messages';
import { num, quotedList, Surface } from './surface';
import { sentences, type Table } from './table';
import { flexibleRuleText, sizeProblemText, valueProblemText } from './valueText';

type Codes =
  | 'settings.invalid'
  | 'request.emptyPrompt'
  | 'request.promptTooLong'
  | 'request.invalidOption'
  | 'model.cannotEdit'
  | 'model.size'
  | 'model.noOption'
  | 'model.optionValue'
  | 'model.noCompression'
  | 'model.noModeration'
  | 'model.compressionNeedsLossy'
  | 'model.transparentJpeg'
  | 'model.maxCount'
  | 'model.shapeDropped'
  | 'model.sizeWouldBeSquare'
  | 'model.sizeAndAspect';

function optionName(o: ModelOption, s: Surface): string {
  switch (o) {
    case 'quality':
      return s.l10n.t('quality');
    case 'style':
      return s.l10n.t('style');
    case 'background':
      return s.l10n.t('background');
    case 'outputFormat':
      return s.l10n.t('output format');
    case 'aspectRatio':
      return s.l10n.t('aspect ratio');
    case 'imageSize':
      return s.l10n.t('image size');
  }
}

function shapeOptionName(o: 'size' | 'aspectRatio' | 'imageSize', s: Surface): string {
  return o === 'size' ? s.l10n.t('size') : optionName(o, s);
}

export const requestMessages: Table<Codes> = {
  'settings.invalid': (p, s) => {
    const [first = '', ...rest] = p.problems.map((x) =>
      x.entry
        ? s.l10n.t('{setting} ({entry}) {problem}.', {
            setting: s.setting(x.setting),
            entry: x.entry,
            problem: valueProblemText(x.problem, s),
          })
        : s.l10n.t('{setting} {problem}.', {
            setting: s.setting(x.setting),
            problem: valueProblemText(x.problem, s),
          }),
    );
    // One sentence per problem, joined as the language joins sentences (no space after 。 in Japanese).
    return s.l10n.t('Invalid setting: {problems}', { problems: sentences(s, first, ...rest) });
  },
  'request.emptyPrompt': (_, s) => s.l10n.t('The prompt is empty. Describe the image you want.'),
  'request.promptTooLong': (p, s) =>
    s.l10n.t('The prompt has {length} characters; image models take at most {max}. Shorten it.', {
      length: num(s, p.length),
      max: num(s, p.max),
    }),
  'request.invalidOption': (p, s) =>
    s.l10n.t('Invalid option {option}: {problem}.', {
      option: p.option,
      problem: valueProblemText(p.problem, s),
    }),
  'model.cannotEdit': (p, s) =>
    s.l10n.t('{model} cannot edit images; use {editors}.', {
      model: p.model,
      editors: p.editors.join(', '),
    }),
  'model.size': (p, s) => {
    const accepted = quotedList(s, p.accepted);
    const args = { model: p.model, size: p.size, accepted };
    if (!p.flexible) return s.l10n.t('{model} cannot make size "{size}". It accepts {accepted}.', args);
    return s.l10n.t('{model} cannot make size "{size}" ({problem}). It accepts {accepted} {rule}.', {
      ...args,
      problem: p.problem ? sizeProblemText(p.problem, s) : '',
      rule: flexibleRuleText(p.flexible, s),
    });
  },
  'model.noOption': (p, s) =>
    s.l10n.t('{model} does not take the "{option}" option.', {
      model: p.model,
      option: optionName(p.option, s),
    }),
  'model.optionValue': (p, s) =>
    s.l10n.t('{model} does not accept {option} "{value}". It accepts {accepted}.', {
      model: p.model,
      option: optionName(p.option, s),
      value: p.value,
      accepted: quotedList(s, p.accepted),
    }),
  'model.noCompression': (p, s) => s.l10n.t('{model} does not take output compression.', { model: p.model }),
  'model.noModeration': (p, s) => s.l10n.t('{model} does not take a moderation level.', { model: p.model }),
  'model.compressionNeedsLossy': (p, s) =>
    s.l10n.t('{model} takes output compression only for the "jpeg" and "webp" output formats.', {
      model: p.model,
    }),
  'model.transparentJpeg': (p, s) =>
    s.l10n.t('{model} cannot make a transparent background in JPEG; use "png" or "webp".', {
      model: p.model,
    }),
  'model.maxCount': (p, s) =>
    p.max === 1
      ? s.l10n.t('{model} makes one image per run.', { model: p.model })
      : s.l10n.t('{model} can make at most {max} images per run.', { model: p.model, max: p.max }),
  'model.shapeDropped': (p, s) => {
    const args = { model: p.model, option: shapeOptionName(p.option, s), provider: p.provider ?? '' };
    switch (p.why) {
      case 'route':
        return s.l10n.t(
          '{model} cannot take the chosen {option} through LiteLLM on the "{provider}" route: the proxy drops size and aspect ratio there and the model answers with its default square image. Leave size and aspect ratio unset, or use a Vertex AI deployment (vertex_ai/…) of the model.',
          args,
        );
      case 'unknownRoute':
        return s.l10n.t(
          'The proxy does not say which route serves {model}, and on Google AI Studio LiteLLM drops size and aspect ratio, so the chosen {option} cannot be promised. Leave it unset, or describe the model in {setting}.',
          { ...args, setting: s.setting('image.modelCapabilities') },
        );
      case 'edit':
        return s.l10n.t(
          '{model} takes no {option} when editing through LiteLLM; leave size and aspect ratio unset.',
          args,
        );
    }
  },
  'model.sizeWouldBeSquare': (p, s) =>
    s.l10n.t(
      'LiteLLM would silently turn size "{size}" into a square for {model}. Choose one of the sizes {accepted} or an aspect ratio ({ratios}).',
      {
        model: p.model,
        size: p.size,
        accepted: quotedList(s, p.accepted),
        ratios: quotedList(s, p.aspectRatios),
      },
    ),
  'model.sizeAndAspect': (p, s) =>
    s.l10n.t('Size "{size}" and aspect ratio "{aspectRatio}" disagree for {model}; choose one of them.', {
      model: p.model,
      size: p.size,
      aspectRatio: p.aspectRatio,
    }),
};
