/** The pieces several messages share: why a value is refused, what a non-image looks like, a flexible size rule. */
import type { FlexibleSizeSummary, NonImageShape, SizeProblem, ValueProblem } from '../../core/messages';
import { num, quotedList, Surface } from './surface';

/** A clause that follows the value's name: "must be one of …". */
export function valueProblemText(p: ValueProblem, s: Surface): string {
  switch (p.rule) {
    case 'oneOf':
      return s.l10n.t('must be one of {values}', { values: p.values.join(', ') });
    case 'type':
      return p.expected === 'array'
        ? s.l10n.t('must be a list')
        : p.expected === 'number'
          ? s.l10n.t('must be a number')
          : p.expected === 'boolean'
            ? s.l10n.t('must be true or false')
            : p.expected === 'object' || p.expected === 'record'
              ? s.l10n.t('must be an object')
              : s.l10n.t('must be a {type}', { type: p.expected });
    case 'atLeast':
      return s.l10n.t('must be at least {limit}', { limit: p.limit });
    case 'atMost':
      return s.l10n.t('must be at most {limit}', { limit: p.limit });
    case 'tooLong':
      return s.l10n.t('must be at most {limit} characters long', { limit: p.limit });
    case 'tooMany':
      return s.l10n.t('may list at most {limit} entries', { limit: p.limit });
    case 'modelName':
      return s.l10n.t('must be a model name without spaces, e.g. "gpt-image-2"');
    case 'httpUrl':
      return s.l10n.t('must be an http:// or https:// URL, e.g. "http://localhost:4000"');
    case 'noUrlCredentials':
      return s.l10n.t(
        'must not contain a user name or password (the API key is kept in secret storage, never in the URL)',
      );
    case 'noUrlQuery':
      return s.l10n.t('must not contain a query or fragment');
    case 'milliseconds':
      return s.l10n.t('must be a number of milliseconds');
    case 'wholeMilliseconds':
      return s.l10n.t('must be a whole number of milliseconds');
    case 'trueOrFalse':
      return s.l10n.t('must be true or false');
    case 'sizeShape':
      return s.l10n.t('must be "auto" or WIDTHxHEIGHT in pixels, e.g. "1024x1024"');
    case 'headerName':
      return s.l10n.t('"{header}" is not a valid header name', { header: p.header ?? '' });
    case 'headerValue':
      return s.l10n.t('header values must be on one line');
    case 'headerReserved':
      return s.l10n.t(
        'must not set "{header}": the API key is kept in secret storage, never in a header setting, and framing headers are set by the client',
        { header: p.header ?? '' },
      );
    case 'capabilityLike':
      return s.l10n.t(
        'names a model this extension does not know under "like"; use a family\'s model, e.g. "vertex_ai/gemini-3-pro-image-preview", "gemini/imagen-4.0-generate-001" or "gpt-image-1"',
      );
    case 'tooManyModels':
      return s.l10n.t('may describe at most 200 models');
    case 'unknownKeys':
      return s.l10n.t(
        'has keys this extension does not know: {keys} (known: like, sizes, aspectRatios, imageSizes, shape, qualities, styles, backgrounds, outputFormats, maxCount, maxPerRequest, edits)',
        { keys: quotedList(s, p.keys) },
      );
    case 'other':
      return p.detail;
  }
}

/** Why a size breaks a flexible rule, as a clause. */
export function sizeProblemText(p: SizeProblem, s: Surface): string {
  switch (p.rule) {
    case 'shape':
      return s.l10n.t('the size is not WIDTHxHEIGHT');
    case 'multipleOf':
      return s.l10n.t('both sides must be multiples of {n}', { n: p.multipleOf });
    case 'maxSide':
      return s.l10n.t('the longest side must be at most {n}', { n: p.maxSide });
    case 'pixels':
      return s.l10n.t('the image must have between {min} and {max} pixels (got {got})', {
        min: num(s, p.min),
        max: num(s, p.max),
        got: num(s, p.got),
      });
    case 'aspect':
      return s.l10n.t('the aspect ratio must be at most {n}:1', { n: p.maxAspect });
  }
}

export function flexibleRuleText(r: FlexibleSizeSummary, s: Surface): string {
  return s.l10n.t(
    'or any WxH with both sides multiples of {multipleOf}, longest side ≤ {maxSide}, {minPixels}–{maxPixels} pixels and aspect ratio ≤ {maxAspect}:1',
    {
      multipleOf: r.multipleOf,
      maxSide: r.maxSide,
      minPixels: num(s, r.minPixels),
      maxPixels: num(s, r.maxPixels),
      maxAspect: r.maxAspect,
    },
  );
}

export function nonImageText(w: NonImageShape, s: Surface): string {
  switch (w.shape) {
    case 'markup':
      return s.l10n.t('an HTML/XML document');
    case 'json':
      return s.l10n.t('JSON text');
    case 'text':
      return s.l10n.t('plain text');
    case 'unknown':
      return s.l10n.t('{bytes} bytes of an unknown format', { bytes: w.bytes });
    case 'image':
      return s.l10n.t('a {format} image', { format: w.format });
  }
}

export { quotedList };
