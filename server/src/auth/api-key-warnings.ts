import type { ApiKey, ApiKeyWarning } from '@porttask/sdk/schemas';
import { isLocalOrigin } from './api-keys.ts';

/**
 * What is wrong with a key that still works as configured: said by the API (`warnings` on
 * every key it answers with) and printed by the CLI, so a partner learns it before a
 * visitor's browser does.
 */
export function keyWarnings(key: Pick<ApiKey, 'kind' | 'environment' | 'allowedOrigins'>): ApiKeyWarning[] {
  const warnings: ApiKeyWarning[] = [];
  if (key.kind === 'publishable' && key.allowedOrigins.length === 0) {
    warnings.push({
      code: 'PUBLISHABLE_KEY_WITHOUT_ORIGINS',
      message: key.environment === 'test'
        ? 'This publishable key has no allowed origins: it works only from localhost (test keys allow any localhost port). Add your site\'s origin to use it there.'
        : 'This publishable key has no allowed origins: no website can use it. Add your site\'s origin (e.g. https://portal.example.com).',
    });
  }
  const insecure = key.environment === 'live' ? key.allowedOrigins.filter((origin) => origin.startsWith('http:') && !isLocalOrigin(origin)) : [];
  if (insecure.length > 0) {
    warnings.push({
      code: 'INSECURE_LIVE_ORIGIN',
      message: `A live key allows plain-http origins (${insecure.join(', ')}): anyone on the network path can read and change what those pages send. Use https.`,
    });
  }
  return warnings;
}
