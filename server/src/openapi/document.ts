import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';

const DESCRIPTION = `Privacy and port-operations features for partner portals.

- **Keys.** Browsers call the API with a publishable key in \`X-PortTask-Key\` (\`GET /v1/config\` also takes it as
  \`?key=\`, which needs no CORS preflight), partner servers with a secret key in \`Authorization: Bearer\`, signed-in staff with their access token in
  \`Authorization: Bearer\` (on the operations whose \`x-porttask-roles\` list their role). A
  key belongs to one tenant and one environment (test or live) and sees only that environment's data.
- **Errors.** Every non-2xx answer has one shape, \`{"error":{"code","message","requestId","issues"?}}\`; switch on
  \`code\`. Validation errors are **422** with \`issues\`. A known path with a method it does not take answers
  **405** \`METHOD_NOT_ALLOWED\` with \`Allow\`; an unknown path **404**.
- **Retries.** \`POST\` honours \`Idempotency-Key\` for 24 hours (same key and body, same answer). **429** and
  **503** say when to retry in \`Retry-After\`; the SDK retries them by itself.
- **Pages.** Lists take \`?cursor=&limit=\` and answer \`{data, nextCursor}\`; pass \`nextCursor\` back as it is.
- **Limits.** Every string, list and map in a request has a maximum (see each schema); JSON bodies are at most
  256 KB, imports 8 MB (**413** beyond).`;

const OPENAPI_INFO: Parameters<OpenAPIHono['getOpenAPI31Document']>[0] = {
  openapi: '3.1.0',
  info: {
    title: 'PortTask Embed API',
    version: '1.0.0',
    description: DESCRIPTION,
    contact: { name: 'PortTask support', email: 'support@porttask.example' },
  },
  tags: [
    { name: 'api-keys', description: 'The tenant\'s API keys in the calling key\'s environment: list, change allowed origins, roll (secret key).' },
    { name: 'auth', description: 'Tokens of the embeddable login: renew an access token with a refresh token, sign out (publishable key, from the page the tokens were handed to).' },
    { name: 'audit', description: 'The login audit trail of the key\'s environment: sign-in attempts and account events in a signed hash chain (secret key).' },
    { name: 'config', description: 'Tenant configuration for widgets.' },
    { name: 'consents', description: 'Append-only records of visitors\' consent decisions (proof of consent).' },
    { name: 'consent-config', description: 'The tenant\'s consent purposes, jurisdiction model, texts and policy-version history (secret key).' },
    { name: 'health', description: 'Liveness and readiness probes.' },
    { name: 'rights requests', description: 'Privacy-rights requests: a visitor makes, verifies, follows and withdraws one (publishable key and requester token); staff list and answer them within the law\'s deadline (secret key).' },
    { name: 'rights settings', description: 'A tenant environment\'s settings for privacy-rights requests: time zone and holidays of the deadlines, DPDP response period, grievance officer, privacy contact (secret key).' },
    { name: 'schedules', description: 'Vessel schedules: port calls (DCSA field names), ports, vessels, live updates.' },
    { name: 'sign-up settings', description: 'A tenant environment\'s sign-up rules: open or closed, the documents a new account accepts, the age of digital consent per law (secret key, or an owner\'s or admin\'s access token).' },
    { name: 'users', description: 'The accounts of the key\'s tenant environment: list, set roles, disable (secret key).' },
    { name: 'webhooks', description: 'Endpoints that receive rights-request events as signed POSTs (Standard Webhooks), and their delivery logs (secret key).' },
  ],
};

/** The document with `servers` naming where it is served from (the origin of the request for it). */
export function openApiDocument(app: OpenAPIHono<AppEnv>, serverUrl: string) {
  return app.getOpenAPI31Document({ ...OPENAPI_INFO, servers: [{ url: serverUrl, description: 'This PortTask API server: local, test or production, whichever serves this document.', 'x-internal': false }] });
}

/** Components every operation refers to: the key schemes and the rate-limit and retry headers. */
export function registerComponents(app: OpenAPIHono<AppEnv>) {
  const integer = { type: 'integer', minimum: 0, maximum: 86_400 } as const;
  const text = { type: 'string', maxLength: 200 } as const;
  app.openAPIRegistry.registerComponent('headers', 'Retry-After', {
    description: 'Seconds to wait before sending the request again.',
    schema: integer,
  });
  app.openAPIRegistry.registerComponent('headers', 'RateLimit', {
    description: 'What is left of the limit that applies, e.g. "default";r=57;t=30 (remaining requests, seconds until reset), as in the IETF RateLimit header fields draft.',
    schema: text,
  });
  app.openAPIRegistry.registerComponent('headers', 'RateLimit-Policy', {
    description: 'The limit that applies, e.g. "default";q=60;w=60 (requests per window of seconds).',
    schema: text,
  });
  app.openAPIRegistry.registerComponent('parameters', 'IdempotencyKey', {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: 'Any unique string (a UUID): the same key with the same body within 24 hours gets the first answer again instead of writing twice. The SDK sends one per POST and reuses it across retries.',
    schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
    example: '3f1c8a52-6a1e-4d0b-9c55-0f5b6f7e2a91',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'publishableKey', {
    type: 'apiKey',
    in: 'header',
    name: 'X-PortTask-Key',
    description: 'A publishable key (`pk_test_…`/`pk_live_…`), bound to the origins it may be used from.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'publishableKeyQuery', {
    type: 'apiKey',
    in: 'query',
    name: 'key',
    description: 'The same publishable key as the `key` query parameter, taken only by `GET /v1/config`: a GET with no custom header needs no CORS preflight, which saves a visitor a round trip before the consent banner shows. The Origin check is the same as for `X-PortTask-Key`; a publishable key is public (it is in the page source). Secret keys are never accepted in a URL.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'secretKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'A secret key (`sk_test_…`/`sk_live_…`), for partner servers only.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'staffToken', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A staff member\'s access token (the EdDSA JWT `<porttask-login>` and `POST /v1/auth/token` hand out), sent from the page it was handed to (its `Origin` must be the token\'s `azp`). Accepted where the operation\'s `x-porttask-roles` lists the account\'s current role; otherwise **403** `FORBIDDEN_ROLE`. Checked as RFC8725 (JSON Web Token Best Current Practices) asks: the algorithm pinned to EdDSA, `typ` `at+jwt`, issuer, audience and expiry verified.',
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
