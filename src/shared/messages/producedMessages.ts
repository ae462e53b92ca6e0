/** Requested vs. produced: how an image differs from what was asked for (src/core/producedImage.ts). */
import type { Surface } from './surface';
import type { Table } from './table';

type Codes = 'image.notAsRequested';

/** `1536x1024` as people write a pixel size: `1536×1024`. */
function pixels(size: string): string {
  return size.replace('x', '×');
}

const FORMAT_NAMES: Record<string, string> = {
  png: 'PNG',
  jpeg: 'JPEG',
  jpg: 'JPEG',
  webp: 'WebP',
  gif: 'GIF',
};

function formatName(format: string): string {
  return FORMAT_NAMES[format] ?? format;
}

function joinClauses(s: Surface, clauses: string[]): string {
  return clauses.reduce((text, next) =>
    s.l10n.t('{clause}; {nextClause}', { clause: text, nextClause: next }),
  );
}

export const producedMessages: Table<Codes> = {
  'image.notAsRequested': (p, s) => {
    const clauses: string[] = [];
    if (p.size)
      clauses.push(
        s.l10n.t('asked for {asked}, got {got}', { asked: pixels(p.size.asked), got: pixels(p.size.got) }),
      );
    if (p.aspectRatio)
      clauses.push(
        s.l10n.t('asked for {asked}, got {got} ({pixels})', {
          asked: p.aspectRatio.asked,
          got: p.aspectRatio.got,
          pixels: pixels(p.aspectRatio.pixels),
        }),
      );
    if (p.imageSize)
      clauses.push(
        // The pixel size once: the ratio's clause already gave it.
        p.aspectRatio
          ? s.l10n.t('asked for {asked}, got about {got}', { asked: p.imageSize.asked, got: p.imageSize.got })
          : s.l10n.t('asked for {asked}, got about {got} ({pixels})', {
              asked: p.imageSize.asked,
              got: p.imageSize.got,
              pixels: pixels(p.imageSize.pixels),
            }),
      );
    if (p.format)
      clauses.push(
        s.l10n.t('asked for {asked}, got {got}', {
          asked: formatName(p.format.asked),
          got: formatName(p.format.got),
        }),
      );
    if (p.model)
      clauses.push(s.l10n.t('{got} answered instead of {asked}', { asked: p.model.asked, got: p.model.got }));
    const text = clauses.length ? joinClauses(s, clauses) : s.l10n.t('not as asked for');
    return p.file ? s.l10n.t('{file}: {differences}', { file: p.file, differences: text }) : text;
  },
};
