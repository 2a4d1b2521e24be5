import type { ReactiveControllerHost } from 'lit';

type LanguageWatcher = ReactiveControllerHost & HTMLElement;

/*
 * One observer for the whole page: when `<html lang>` (or any `lang`) or the browser's
 * languages change, every connected PortTask element renders again in the new language.
 */
const watchers = new Set<LanguageWatcher>();
let observer: MutationObserver | undefined;

function updateAll(): void {
  for (const host of watchers) host.requestUpdate();
}

export function watchPageLanguage(host: LanguageWatcher): void {
  watchers.add(host);
  if (observer) return;
  observer = new MutationObserver(updateAll);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  addEventListener('languagechange', updateAll);
}

export function unwatchPageLanguage(host: LanguageWatcher): void {
  watchers.delete(host);
  if (watchers.size > 0 || !observer) return;
  observer.disconnect();
  observer = undefined;
  removeEventListener('languagechange', updateAll);
}
