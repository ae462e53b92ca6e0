/** Local input images, the output folder, fallback chains and the connection report. */
import type { AttemptLine } from '../../core/messages';
import { num, type Render, type Surface } from './surface';
import { sentences, type Table } from './table';
import { nonImageText } from './valueText';

type Codes =
  | 'input.missing'
  | 'input.unreadable'
  | 'input.notFile'
  | 'input.empty'
  | 'input.tooBig'
  | 'input.notEditable'
  | 'input.maskNotPng'
  | 'input.noReference'
  | 'input.tooManyReferences'
  | 'input.maskSize'
  | 'files.saveFailed'
  | 'files.sidecarFailed'
  | 'files.notFolder'
  | 'rerun.noProvenance'
  | 'rerun.inputOutside'
  | 'files.listFailed'
  | 'request.noModelCanTake'
  | 'chain.allFailed'
  | 'connection.keyRejected'
  | 'connection.keyNeeded'
  | 'connection.noImageModels'
  | 'connection.modelNotListed'
  | 'connection.listFailed'
  | 'frontEnd.text';

/** `gpt-image-2: <why> | dall-e-2: skipped: <why>`, the tries of a chain on one line. */
function attemptsText(attempts: AttemptLine[], s: Surface, render: Render): string {
  return attempts
    .map((a) => {
      const why = a.error ? render(a.error) : s.l10n.t('failed');
      return a.skipped
        ? s.l10n.t('{model}: skipped: {why}', { model: a.model, why })
        : s.l10n.t('{model}: {why}', { model: a.model, why });
    })
    .join(' | ');
}

export const localMessages: Table<Codes> = {
  'input.missing': (p, s) =>
    p.role === 'mask'
      ? s.l10n.t('The mask image "{file}" does not exist.', { file: p.file })
      : s.l10n.t('The reference image "{file}" does not exist.', { file: p.file }),
  'input.unreadable': (p, s) =>
    p.role === 'mask'
      ? s.l10n.t('Cannot read the mask image "{file}" ({code}).', { file: p.file, code: p.code })
      : s.l10n.t('Cannot read the reference image "{file}" ({code}).', { file: p.file, code: p.code }),
  'input.notFile': (p, s) =>
    p.role === 'mask'
      ? s.l10n.t('The mask "{file}" is not a file.', { file: p.file })
      : s.l10n.t('The reference "{file}" is not a file.', { file: p.file }),
  'input.empty': (p, s) =>
    p.role === 'mask'
      ? s.l10n.t('The mask image "{name}" is empty.', { name: p.name })
      : s.l10n.t('The reference image "{name}" is empty.', { name: p.name }),
  'input.tooBig': (p, s) => {
    const args = { name: p.name, mb: num(s, Number(p.mb), 1), limit: p.limitMb };
    return p.role === 'mask'
      ? s.l10n.t('The mask image "{name}" is {mb} MB; the limit is {limit} MB. Use a smaller image.', args)
      : s.l10n.t(
          'The reference image "{name}" is {mb} MB; the limit is {limit} MB. Use a smaller image.',
          args,
        );
  },
  'input.notEditable': (p, s) => {
    const args = { name: p.name, what: nonImageText(p.what, s) };
    return p.role === 'mask'
      ? s.l10n.t('The mask "{name}" is {what}; edits take PNG, JPEG or WebP images.', args)
      : s.l10n.t('The reference "{name}" is {what}; edits take PNG, JPEG or WebP images.', args);
  },
  'input.maskNotPng': (p, s) =>
    s.l10n.t('The mask "{name}" must be a PNG with transparent pixels where the image should change.', {
      name: p.name,
    }),
  'input.noReference': (_, s) => s.l10n.t('An edit needs at least one reference image.'),
  'input.tooManyReferences': (p, s) =>
    s.l10n.t('An edit takes at most {max} reference images (got {count}).', { max: p.max, count: p.count }),
  'input.maskSize': (p, s) =>
    s.l10n.t(
      'The mask "{mask}" is {maskSize} but the image "{image}" is {imageSize}; they must be the same size.',
      {
        mask: p.mask,
        maskSize: p.maskSize,
        image: p.image,
        imageSize: p.imageSize,
      },
    ),
  'files.saveFailed': (p, s) =>
    s.l10n.t('Could not save an image into {folder}: {detail}', { folder: p.folder, detail: p.detail }),
  'files.sidecarFailed': (p, s) =>
    s.l10n.t('Saved {file}, but not its provenance file: {detail}', { file: p.file, detail: p.detail }),
  'rerun.noProvenance': (p, s) =>
    s.l10n.t('{file} has no recorded settings (it was not made by this extension), so it cannot be re-run.', {
      file: p.file,
    }),
  'rerun.inputOutside': (p, s) =>
    p.how === 'link'
      ? s.l10n.t(
          'The recorded settings of {image} name {file}, which leads outside the allowed folders through a symbolic link. Nothing was sent.',
          { image: p.image, file: p.file },
        )
      : s.l10n.t(
          'The recorded settings of {image} name {file}, which is outside the allowed folders. Nothing was sent.',
          {
            image: p.image,
            file: p.file,
          },
        ),
  'files.notFolder': (p, s) =>
    s.l10n.t('Cannot list the images in {folder}: it is not a folder.', { folder: p.folder }),
  'files.listFailed': (p, s) =>
    s.l10n.t('Cannot list the images in {folder}: {detail}.', { folder: p.folder, detail: p.detail }),
  'request.noModelCanTake': (p, s, render) =>
    p.attempts.length
      ? s.l10n.t('No model can take this request. {attempts}', {
          attempts: attemptsText(p.attempts, s, render),
        })
      : s.l10n.t('No model can take this request.'),
  'chain.allFailed': (p, s, render) =>
    s.l10n.t('All {count} models failed. {attempts}', {
      count: p.attempts.length,
      attempts: attemptsText(p.attempts, s, render),
    }),
  'connection.keyRejected': (p, s) =>
    p.proxyMessage
      ? s.l10n.t('The proxy rejected the API key ({message}). Set the key for {baseUrl}.', {
          message: p.proxyMessage,
          baseUrl: p.baseUrl,
        })
      : s.l10n.t('The proxy rejected the API key. Set the key for {baseUrl}.', { baseUrl: p.baseUrl }),
  'connection.keyNeeded': (p, s) =>
    sentences(
      s,
      s.l10n.t('The proxy at {baseUrl} needs an API key.', { baseUrl: p.baseUrl }),
      s.setKeyAdvice(),
    ),
  'connection.noImageModels': (_, s) =>
    s.l10n.t('The proxy lists no image models. Add one to its config (mode: image_generation).'),
  'connection.modelNotListed': (p, s) =>
    s.l10n.t('The configured model "{model}" is not among the proxy\'s image models: {models}.', {
      model: p.model,
      models: p.models.join(', '),
    }),
  'connection.listFailed': (p, s, render) =>
    s.l10n.t('Could not list models: {error}', { error: render(p.error) }),
  'frontEnd.text': (p) => p.text,
};
