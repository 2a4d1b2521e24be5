/**
 * Text cut off without a sign: an element whose content is wider than its box
 * (scrollWidth > clientWidth) that neither ends in an ellipsis nor is a scroll container the
 * visitor can scroll. Looks into open shadow roots.
 *
 * Self-contained on purpose (it uses nothing from this module's scope, and `document` only as
 * its default): its source is also sent to run inside the cross-origin login frame.
 */
export function clippedText(root: Document | ShadowRoot = document): string[] {
  const found: string[] = [];
  for (const element of root.querySelectorAll<HTMLElement>('*')) {
    if (element.shadowRoot) found.push(...clippedText(element.shadowRoot));
    if (!element.textContent?.trim() || element.clientWidth === 0) continue;
    const style = getComputedStyle(element);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const scrolls = ['auto', 'scroll'].includes(style.overflowX);
    if (element.scrollWidth > element.clientWidth + 1 && style.textOverflow !== 'ellipsis' && !scrolls) {
      found.push(`<${element.localName} class="${element.className}" part="${element.getAttribute('part') ?? ''}">${element.textContent.trim().slice(0, 40)} (${element.scrollWidth} > ${element.clientWidth})`);
    }
  }
  return found;
}
