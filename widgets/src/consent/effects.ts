/*
 * What a decision does to the page besides Consent Mode (google-consent-mode.ts): scripts held
 * back as `<script type="text/plain" data-porttask-purpose="…">`, and cookies of refused
 * purposes. The banner loads this with its decision code, after its first frame.
 */

/**
 * Runs the held-back scripts whose purposes (space-separated) are all granted. A script
 * element only runs when it is inserted, so each placeholder is replaced by a copy with its
 * real type (`data-porttask-type`, default classic); its nonce carries over, so pages with
 * a nonce-based CSP keep working.
 */
export function activateScripts(granted: ReadonlySet<string>, root: ParentNode = document): void {
  for (const placeholder of root.querySelectorAll<HTMLScriptElement>('script[type="text/plain"][data-porttask-purpose]')) {
    const purposes = (placeholder.dataset['porttaskPurpose'] ?? '').split(/\s+/).filter(Boolean);
    if (purposes.length === 0 || !purposes.every((purpose) => granted.has(purpose))) continue;
    const script = document.createElement('script');
    for (const { name, value } of placeholder.attributes) if (name !== 'type') script.setAttribute(name, value);
    const type = placeholder.dataset['porttaskType'];
    if (type) script.type = type;
    if (placeholder.nonce) script.nonce = placeholder.nonce;
    script.text = placeholder.text;
    placeholder.replaceWith(script);
  }
}

/**
 * Expires every cookie whose name matches one of the patterns (`*` = any characters), on
 * this host and each parent domain, at `/` and each prefix of the current path: a cookie is
 * only removed by the same domain and path it was set with, and the page cannot read those.
 */
export function clearCookies(patterns: readonly string[]): string[] {
  if (patterns.length === 0) return [];
  const matchers = patterns.map((pattern) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\-]/g, '\\$&').replace(/\*/g, '.*')}$`));
  const names = document.cookie.split(';').map((cookie) => cookie.split('=')[0]!.trim()).filter((name) => matchers.some((matcher) => matcher.test(name)));
  const labels = location.hostname.split('.');
  const domains = [undefined, ...labels.map((_, index) => labels.slice(index).join('.')).filter((domain) => domain.includes('.'))];
  const segments = location.pathname.split('/').filter(Boolean);
  const paths = ['/', ...segments.map((_, index) => `/${segments.slice(0, index + 1).join('/')}`)];
  for (const name of names) {
    for (const domain of domains) {
      for (const path of paths) {
        document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=${path}${domain ? `; domain=${domain}` : ''}`;
      }
    }
  }
  return names;
}
