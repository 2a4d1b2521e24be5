import { formatDay, formatMoment } from '../rights/rights-dates.ts';

/*
 * The rights widgets show what the server decides at the moment a request is made: its
 * reference, today's date, the legal due date and the code's expiry time. For a screenshot
 * that is the same every day, those texts are replaced with fixed ones of the same form (a
 * date formatted for the locale stays a date of that form), so the layout is still compared.
 */
const FIXED_DAY = '2027-01-04';
const FIXED_MOMENT = '2026-11-30T09:15:00Z';
const REFERENCE = /\brr_[0-9a-z]{20}\b/g;
const CLOCK_TIME = /\b\d{1,2}:\d{2}\b/g;

export function pinVolatileText(host: Element, locale: string): void {
  const root = host.shadowRoot!;
  const replacements = new Map<string, string>();
  for (const time of root.querySelectorAll('time[datetime]')) {
    const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(time.getAttribute('datetime')!);
    const shown = time.textContent!.trim();
    if (shown) replacements.set(shown, dayOnly ? formatDay(FIXED_DAY, locale) : formatMoment(FIXED_MOMENT, locale));
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    let text = node.data;
    for (const [shown, pinned] of replacements) text = text.replaceAll(shown, pinned);
    text = text.replace(REFERENCE, 'rr_0123456789abcdefghij').replace(CLOCK_TIME, '12:00');
    if (text !== node.data) node.data = text;
  }
}
