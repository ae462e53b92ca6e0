/**
 * Small line icons. Each is an empty `<span class="icon icon-NAME">` painted by studio's icons.css (an SVG mask
 * filled with `currentColor`, so icons follow the theme): one cheap element per icon rather than an SVG subtree,
 * which matters with seven actions on each of 500 history cards. Always decorative: the button carries the label.
 */

export type IconName =
  | 'open'
  | 'reveal'
  | 'insertLink'
  | 'copyPath'
  | 'useAsReference'
  | 'rerun'
  | 'loadSettings'
  | 'remove'
  | 'add'
  | 'refresh'
  | 'brush'
  | 'eraser'
  | 'undo'
  | 'redo'
  | 'clear'
  | 'invert'
  | 'eye'
  | 'close'
  | 'mask';

export function icon(name: IconName): HTMLSpanElement {
  const span = document.createElement('span');
  span.className = `icon icon-${name}`;
  span.setAttribute('aria-hidden', 'true');
  return span;
}
