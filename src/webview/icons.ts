/**
 * Small line icons drawn as inline SVG (the webview ships no icon font and its CSP allows no inline styles, so the
 * icons are DOM nodes that take `currentColor` and follow the theme). Always decorative: the button carries the label.
 */

const PATHS = {
  open: 'M9 2.5h4.5V7 M13.5 2.5 7.5 8.5 M12 9.5v3.5a.5.5 0 0 1-.5.5h-9a.5.5 0 0 1-.5-.5v-9a.5.5 0 0 1 .5-.5H6',
  reveal: 'M1.5 3.5h4.25l1.5 1.5h7.25v8H1.5z M1.5 7h13',
  insertLink:
    'M6.5 9.5l3-3 M7.25 4.75l1.25-1.25a2.47 2.47 0 0 1 3.5 3.5l-1.25 1.25 M8.75 11.25 7.5 12.5a2.47 2.47 0 0 1-3.5-3.5l1.25-1.25',
  copyPath: 'M5.5 5.5h8v8h-8z M10.5 5.5v-3h-8v8h3',
  useAsReference: 'M1.5 2.5h9v8h-9z M1.5 8.5l2.75-2.75 2.5 2.5 1.25-1.25 2.5 2.5 M12.5 9.5v5 M10 12h5',
  rerun: 'M13.5 8a5.5 5.5 0 1 1-1.61-3.89 M12.5 1.5v3h-3',
  loadSettings: 'M2 4h7 M12 4h2 M2 12h2 M7 12h7 M10.5 2.5v3 M5.5 10.5v3 M2 8h3 M8 8h6 M6.5 6.5v3',
  remove: 'M4 4l8 8 M12 4l-8 8',
  add: 'M8 3v10 M3 8h10',
  refresh: 'M13.5 8a5.5 5.5 0 1 1-1.61-3.89 M12.5 1.5v3h-3',
  brush:
    'M13.5 2.5 7 9 M7 9l-1.25 1.25 M5.75 10.25a2 2 0 0 0-2.75.5c-.5.75-.25 2-1.5 2.75 1.75.5 3.75.25 4.75-1a2 2 0 0 0-.5-2.25z',
  eraser: 'M6 13.5h8 M2.75 9.75 9 3.5l3.5 3.5-6.5 6.5H5.25z M5.5 7l3.5 3.5',
  undo: 'M5 2.5 2 5.5l3 3 M2 5.5h7.5a4 4 0 0 1 0 8H6',
  redo: 'M11 2.5l3 3-3 3 M14 5.5H6.5a4 4 0 0 0 0 8H10',
  clear: 'M2.5 4h11 M6 4V2.5h4V4 M4 4l.75 9.5h6.5L12 4',
  invert: 'M8 2a6 6 0 1 0 0 12A6 6 0 1 0 8 2z M8 2v12',
  eye: 'M1 8s2.5-4.5 7-4.5S15 8 15 8s-2.5 4.5-7 4.5S1 8 1 8z M8 6a2 2 0 1 0 0 4 2 2 0 1 0 0-4z',
  close: 'M4 4l8 8 M12 4l-8 8',
  mask: 'M1.5 2.5h13v11h-13z M4 11c1-3 3-5.5 8-6',
} as const;

/** Icons whose right half is filled (the invert icon shows both halves of the mask). */
const FILLED: Partial<Record<IconName, string>> = { invert: 'M8 2a6 6 0 0 1 0 12z' };

export type IconName = keyof typeof PATHS;

const SVG = 'http://www.w3.org/2000/svg';
const cache = new Map<IconName, SVGSVGElement>();

/** A fresh copy of the icon (cloned from a cached original: cards render hundreds of them). */
export function icon(name: IconName): SVGSVGElement {
  let original = cache.get(name);
  if (!original) {
    original = document.createElementNS(SVG, 'svg');
    original.setAttribute('viewBox', '0 0 16 16');
    original.setAttribute('width', '16');
    original.setAttribute('height', '16');
    original.setAttribute('aria-hidden', 'true');
    original.setAttribute('focusable', 'false');
    original.setAttribute('class', 'icon');
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', PATHS[name]);
    original.append(path);
    const filled = FILLED[name];
    if (filled) {
      const fill = document.createElementNS(SVG, 'path');
      fill.setAttribute('d', filled);
      fill.setAttribute('class', 'icon-fill');
      original.append(fill);
    }
    cache.set(name, original);
  }
  return original.cloneNode(true) as SVGSVGElement;
}
