/** What the composer's option fields are built from: a labelled field, and a select whose first choice is the default. */
import { h } from '../dom';

/** A field: the label (for `control`), the control, and what goes under it (an error line). */
export function labelledField(label: string, control: HTMLElement, ...extra: HTMLElement[]): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, ...extra);
}

/** Replaces the select's choices: `empty` (value '', the default from settings), then `items` as [value, label]. */
export function fillSelect(
  select: HTMLSelectElement,
  items: readonly (readonly [string, string])[],
  empty: string,
): void {
  const options = [
    h('option', { value: '' }, empty),
    ...items.map(([v, label]) => h('option', { value: v }, label)),
  ];
  select.replaceChildren(...options);
}
