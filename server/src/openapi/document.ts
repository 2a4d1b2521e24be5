import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';

export const OPENAPI_INFO: Parameters<OpenAPIHono['getOpenAPI31Document']>[0] = {
  openapi: '3.1.0',
  info: {
    title: 'PortTask Embed API',
    version: '1.0.0',
    description:
      'Privacy and port-operations features for partner portals. Browsers call it with a publishable key ' +
      '(`X-PortTask-Key`), partner servers with a secret key (`Authorization: Bearer`). Every error answer has ' +
      'the shape `{"error":{"code","message","requestId","issues"?}}`. POSTs honour `Idempotency-Key` for 24 hours.',
  },
  tags: [
    { name: 'api-keys', description: 'The tenant\'s API keys in the calling key\'s environment: list, change allowed origins, roll (secret key).' },
    { name: 'config', description: 'Tenant configuration for widgets.' },
    { name: 'consents', description: 'Append-only records of visitors\' consent decisions (proof of consent).' },
    { name: 'consent-config', description: 'The tenant\'s consent purposes, jurisdiction model, texts and policy-version history (secret key).' },
    { name: 'health', description: 'Liveness and readiness probes.' },
    { name: 'schedules', description: 'Vessel schedules: port calls (DCSA field names), ports, vessels, live updates.' },
  ],
};

export function registerSecuritySchemes(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'publishableKey', {
    type: 'apiKey',
    in: 'header',
    name: 'X-PortTask-Key',
    description: 'A publishable key (`pk_test_…`/`pk_live_…`), bound to the origins it may be used from.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'secretKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'A secret key (`sk_test_…`/`sk_live_…`), for partner servers only.',
  });
}

/** Method + path pattern of every documented route, for the 405 answer. */
export function documentedRoutes(app: OpenAPIHono<AppEnv>): { method: string; pattern: RegExp }[] {
  return app.openAPIRegistry.definitions.flatMap((definition) => {
    if (definition.type !== 'route') return [];
    const source = definition.route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
    return [{ method: definition.route.method, pattern: new RegExp(`^${source}$`) }];
  });
}
