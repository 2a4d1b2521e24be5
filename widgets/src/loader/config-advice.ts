/**
 * What to fix when the configuration could not be loaded: the sentence the loader logs and puts
 * in `porttask-error`. A chunk of its own, fetched only on a failure, so its text is not in every
 * visitor's download of the loader (the consent banner's first load has a 13 KB gzip budget, and
 * a working embed never needs these words). It is served next to the loader, whose origin has
 * just answered, so it loads even when the API at another origin is down.
 */
export function configAdvice(status: number, code: string, message: string, apiUrl: string): string {
  switch (true) {
    case code === 'MISSING_API_KEY':
      return 'add data-publishable-key="pk_…" to the <script> tag that loads porttask.js.';
    // The browser hides why a request failed: the API may be down, or it refused this origin or key (CORS).
    case code === 'CONNECTION_ERROR':
      return `could not load the configuration from ${apiUrl}: the API is down, or it refused this page's origin (${location.origin}) or publishable key.`;
    case code === 'ORIGIN_NOT_ALLOWED':
      return `this page's origin (${location.origin}) is not allowed for the publishable key; add it to the key's allowed origins.`;
    case status === 401:
      return `the publishable key in data-publishable-key was rejected (${code}); use a current pk_test_… or pk_live_… key.`;
    default:
      return `the configuration could not be loaded (${status} ${code}) ${message}`;
  }
}
