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
  | 'model.maxCount';

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
  }
}

export const requestMessages: Table<Codes> = {
  'settings.invalid': (p, s) => {
    const [first = '', ...rest] = p.problems.map((x) =>
      s.l10n.t('{setting} {problem}.', {
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
};
