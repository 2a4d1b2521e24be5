import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { staffRoleGuard } from '../auth/staff-role-guard.ts';
import { staffRolesOf } from '../auth/staff-roles.ts';
import { codeSamples, type SdkCall } from './code-samples.ts';
import { errorResponses, headerReferences, type ErrorStatus } from './responses.ts';

/** What every operation must say about itself, beyond what `createRoute` needs. */
export interface OperationDocs {
  /** camelCase and stable: clients generate method names from it. */
  operationId: string;
  /** Markdown: what it does, when to use it, what to watch for. */
  description: string;
  /** The `@porttask/sdk` call, for the SDK code sample; `null` where the SDK has none (curl only). */
  sdk: SdkCall | null;
  /** Error statuses beyond the ones derived from the route (see `derivedErrorStatuses`). */
  errors?: ErrorStatus[];
  /** Health probes: not rate-limited, and `/healthz` does not touch the database. */
  probe?: 'liveness' | 'readiness';
}

type Route = Omit<RouteConfig, 'path' | 'operationId' | 'description'> & { path: string };

/**
 * Defines a route and its documentation in one place, so every operation declares the same
 * things: its operationId, a Markdown description, the error answers it can really give (in
 * the one error shape, derived from its request), rate-limit headers, examples and code
 * samples. Use it instead of `createRoute` for every route:
 *
 *   export const getThingRoute = apiRoute({
 *     operationId: 'getThing', method: 'get', path: '/v1/things/{id}', …,
 *     sdk: { call: 'client.things.get($id)' },
 *     responses: { 200: jsonResponse(Thing, 'The thing.') },
 *   });
 */
export function apiRoute<const R extends Route & OperationDocs>(definition: R) {
  const { sdk, errors = [], probe, ...route } = definition;
  const rateLimited = probe === undefined;
  const statuses = [...derivedErrorStatuses(route, probe), ...errors];
  // Rate-limited answers (2xx and 4xx) say how much of the limit is left.
  const withRateLimitHeaders = (responses: Record<string, object>) =>
    Object.fromEntries(
      Object.entries(responses).map(([status, response]) => {
        if (!rateLimited || !/^[24]/.test(status)) return [status, response];
        const headers = (response as { headers?: object }).headers;
        return [status, { ...response, headers: { ...headerReferences(['RateLimit', 'RateLimit-Policy']), ...headers } }];
      }),
    );
  // The declared type stays the definition's own: handlers return only its success answers,
  // errors are thrown and rendered by the app's one error handler.
  return createRoute({
    ...route,
    ...staffAccess(route),
    // Every POST honours an Idempotency-Key (server/src/http/unit-of-work.ts).
    ...(route.method === 'post' ? { parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }, ...(route.parameters ?? [])] } : {}),
    responses: withRateLimitHeaders({ ...errorResponses(...statuses), ...route.responses }),
    'x-codeSamples': codeSamples(route, sdk),
  } as typeof route) as unknown as ReturnType<typeof createRoute<R['path'], Omit<R, keyof OperationDocs | 'operationId' | 'description'> & Pick<R, 'operationId' | 'description'>>>;
}

/**
 * What a secret key may call, a staff access token may call too when the account's role is in
 * the operation's row of the role matrix (auth/staff-roles.ts): the guard that checks it comes
 * first, and the document says which roles (`x-porttask-roles`, and a line of the description).
 */
function staffAccess(route: Route & Pick<OperationDocs, 'operationId' | 'description'>) {
  if (!route.security?.some((requirement) => 'secretKey' in requirement)) return {};
  const roles = staffRolesOf(route.operationId);
  const middleware = route.middleware === undefined ? [] : [route.middleware].flat();
  return {
    security: [...route.security, { staffToken: [] }],
    middleware: [staffRoleGuard(route.operationId), ...middleware],
    description: `${route.description}\n\n**Staff access token:** ${roles.length === 0 ? 'not accepted (secret key only).' : `accepted for the roles ${roles.map((role) => `\`${role}\``).join(', ')}; any other role is refused with **403** \`FORBIDDEN_ROLE\`.`}`,
    'x-porttask-roles': roles,
  };
}

/**
 * The error statuses an operation can answer, from what it takes: a key (401, 403), path
 * parameters (404 unless it is an upsert, 422), a query (422; a cursor: 400), a body (400 bad JSON, 409 idempotency
 * or a raced write, 413, 415, 422), a POST (400 malformed Idempotency-Key, 409 reused); every operation may fail (500) or meet a database outage
 * (503) or a rate limit (429).
 */
export function derivedErrorStatuses(route: Route, probe?: OperationDocs['probe']): ErrorStatus[] {
  const statuses: ErrorStatus[] = [500];
  if (probe === 'liveness') return statuses;
  statuses.push(503);
  if (probe) return statuses;
  statuses.push(429);
  if (route.security && route.security.length > 0) statuses.push(401, 403);
  const request = route.request ?? {};
  // A PUT here is an upsert: what it names is created, never "not found".
  if (request.params) statuses.push(...(route.method === 'put' ? [422] as const : [404, 422] as const));
  if (request.query) {
    statuses.push(422);
    if ('cursor' in ((request.query as { shape?: object }).shape ?? {})) statuses.push(400);
  }
  if (request.body) statuses.push(400, 409, 413, 415, 422);
  // Every POST takes an Idempotency-Key, with or without a body: a malformed one is a 400, one
  // reused for another request a 409.
  if (route.method === 'post') statuses.push(400, 409);
  return statuses;
}
