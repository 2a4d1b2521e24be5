/**
 * Focus inside the open preferences dialog. Only the dialog's chunk imports this (the banner
 * reaches it through that module), so it stays out of the banner's first load.
 */

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

export function focusableIn(container: ParentNode): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)];
}

/**
 * Keeps Tab and Shift+Tab inside a modal dialog. A native modal `<dialog>` makes the page
 * inert, but browsers still let Tab leave it for their own toolbar; WCAG's expectation for a
 * modal is that focus cycles within it until it closes.
 */
export function trapTab(event: KeyboardEvent, dialog: HTMLElement, root: DocumentOrShadowRoot): void {
  if (event.key !== 'Tab') return;
  const focusable = focusableIn(dialog);
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  const active = root.activeElement;
  if (event.shiftKey && (active === first || !dialog.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}
