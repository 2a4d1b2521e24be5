import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { insertApiKey } from '../auth/api-keys.queries.ts';
import type { AppFixture } from '../testing/app-fixture.ts';
import { createRightsFixture, type RightsFixture } from '../testing/rights-fixture.ts';
import { openApiValidator, parametersOf, type OpenApiDocument, type Operation, type Parameter } from '../testing/openapi-validator.ts';

/*
 * The conformance harness: requests generated from /openapi.json (fast-check, seeded) over
 * every operation, with right, wrong, foreign and missing keys, valid and broken parameters
 * and bodies. Every answer must be below 500, have a status the operation declares, and a
 * body valid against the declared schema (the one error shape for every non-2xx).
 *
 *   FUZZ_SEED=123 FUZZ_RUNS=20000 node --conditions=source --import tsx --test server/src/openapi/fuzz.test.ts
 */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

// The app as `porttask serve` builds it: the rights-request routes included.
let rights: RightsFixture;
let fixture: AppFixture;
let request: (path: string, init?: RequestInit) => Promise<Response>;
let document: OpenApiDocument;
before(async () => {
  rights = await createRightsFixture();
  fixture = rights.fixture;
  request = async (path, init) => rights.app.request(path, init);
  document = (await (await request('/openapi.json')).json()) as OpenApiDocument;
  await seedThroughTheApi();
});
after(async () => { await rights?.close(); });

/**
 * Parameter values that name something that exists (filled by the seeding), by path prefix:
 * `id` is a port call's under /v1/port-calls, a key's under /v1/api-keys.
 */
const existing: Record<string, Record<string, string[]>> = {};
const existingFor = (path: string, name: string) =>
  Object.entries(existing).find(([prefix]) => path.startsWith(prefix))?.[1][name] ?? [];

/** Gives the GETs something to find: the documented examples, written through the API. */
async function seedThroughTheApi() {
  const write = async (method: string, path: string, body: unknown, headers: Record<string, string> = { Authorization: `Bearer ${fixture.tenantA.secretKey}` }) => {
    const response = await request(path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    assert.ok(response.status < 300, `${method} ${path}: ${response.status}`);
    return (await response.json()) as Record<string, string>;
  };
  const example = (path: string, method: string) => document.paths[path]![method]!.requestBody!.content['application/json']!.example;
  await write('PUT', '/v1/consent-config', example('/v1/consent-config', 'put'));
  await write('POST', '/v1/consent-config/policy-versions', example('/v1/consent-config/policy-versions', 'post'));
  const portCall = await write('PUT', '/v1/port-calls/NLRTM-9321483-2026W48', example('/v1/port-calls/{id}', 'put'));
  const receipt = await write('POST', '/v1/consents', example('/v1/consents', 'post'), { 'X-PortTask-Key': fixture.tenantA.publishableKey, Origin: fixture.tenantA.origin });
  const visitor = { 'X-PortTask-Key': fixture.tenantA.publishableKey, Origin: fixture.tenantA.origin };
  // Rights requests for the staff actions (verified, each on its own way through the states),
  // and one that waits for its code; their requester tokens fill the requester's header.
  const newRequest = example('/v1/rights-requests', 'post') as Record<string, unknown>;
  const verified = [];
  for (let n = 1; n <= 12; n += 1) verified.push(await rights.verifiedRequest(fixture.tenantA, { ...newRequest, email: `requester${n}@example.com` }));
  const unverified = await write('POST', '/v1/rights-requests', newRequest, visitor);
  // Keys to change and roll that are not the ones the fuzzer calls with.
  const spareKeys = await Promise.all((['publishable', 'secret'] as const).map((kind) =>
    insertApiKey(fixture.db.owner, { tenantId: fixture.tenantA.tenant.id, kind, environment: 'live', ...(kind === 'publishable' ? { allowedOrigins: [fixture.tenantA.origin] } : {}) })));
  // An account to give roles and disable.
  const signUp = await request('/api/auth/sign-up/email', {
    method: 'POST',
    headers: { ...visitor, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'officer@portal-a.example', password: 'tugboat-lantern-quinoa-47', name: 'Officer', acceptance: { acceptedPolicyVersion: '2026-04-03', acceptedTermsVersion: null, locale: 'en', confirmedMinimumAge: true } }),
  });
  assert.equal(signUp.status, 200, await signUp.text());
  const users = (await (await request('/v1/users', { headers: { Authorization: `Bearer ${fixture.tenantA.secretKey}` } })).json()) as { data: { id: string }[] };
  existing['/v1/port-calls/'] = { id: [portCall.id!, portCall.transportCallReference!] };
  existing['/v1/consents/'] = { receiptId: [receipt.receiptId!] };
  existing['/v1/rights-requests/'] = {
    id: [...verified.map((made) => made.id), unverified.id!],
    'x-porttask-requester-token': [...verified.map((made) => made.requesterToken), unverified.requesterToken!],
  };
  existing['/v1/api-keys/'] = { id: spareKeys.map((key) => key.id) };
  // Invitations to revoke (their path is under /v1/users/ too).
  const invitations = [];
  for (let n = 1; n <= 4; n += 1) invitations.push(await write('POST', '/v1/users/invitations', { email: `staff${n}@portal-a.example`, role: 'operator' }));
  existing['/v1/users/'] = { userId: users.data.map((user) => user.id), invitationId: invitations.map((invitation) => invitation.id!) };
  const endpoints = [];
  for (let n = 1; n <= 4; n += 1) endpoints.push(await write('POST', '/v1/webhook-endpoints', { url: `https://partner-a.example/hooks/${n}` }));
  existing['/v1/webhook-endpoints/'] = { id: endpoints.map((endpoint) => endpoint.id!) };
}

type Key = 'publishable' | 'secret' | 'otherTenantSecret' | 'testPublishable' | 'garbage' | 'none';

interface GeneratedRequest {
  operation: string;
  path: string;
  init: RequestInit & { headers: Record<string, string> };
}

const garbageText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '../../etc/passwd', '%', '%00', '💥'.repeat(30), 'x'.repeat(3000), '-1', '1e309', 'null', '[]', '{}'),
);

/** A value for a parameter: mostly valid (enum, example), often not. */
function parameterValue(parameter: Parameter, path: string): fc.Arbitrary<string | undefined> {
  const declared = (parameter.schema.anyOf as Parameter['schema'][] | undefined)?.[0] ?? parameter.schema;
  const reference = declared.$ref as string | undefined;
  const schema = reference ? document.components.schemas[reference.split('/').pop()!]! : declared;
  const valid: fc.Arbitrary<string>[] = [];
  const known = existingFor(path, parameter.name);
  if ((parameter.in === 'path' || parameter.in === 'header') && known.length > 0) valid.push(fc.constantFrom(...known));
  if (parameter.example !== undefined) valid.push(fc.constant(String(parameter.example)));
  if (schema.example !== undefined) valid.push(fc.constant(String(schema.example)));
  if (Array.isArray(schema.enum)) valid.push(fc.constantFrom(...schema.enum.map(String)));
  if (schema.type === 'integer' || schema.type === 'number') valid.push(fc.integer({ min: -5, max: 1000 }).map(String));
  if (schema.type === 'string') valid.push(fc.string({ minLength: 1, maxLength: 20 }));
  return fc.oneof(
    { weight: 4, arbitrary: valid.length > 0 ? fc.oneof(...valid) : garbageText },
    { weight: 1, arbitrary: garbageText },
    { weight: parameter.required ? 1 : 6, arbitrary: fc.constant(undefined) },
  );
}

/** Every path (as a list of keys) into a JSON value, the value itself included. */
function pathsIn(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => pathsIn(item, [...prefix, key]))];
}

function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (replacement === undefined) delete target[last];
  else target[last] = replacement;
  return copy;
}

/** A JSON body: the example, the example with one part replaced or removed, or anything. */
function bodyOf(example: unknown): fc.Arbitrary<string> {
  const paths = pathsIn(example);
  const replacement = fc.oneof(fc.jsonValue({ maxDepth: 2 }), garbageText, fc.constant(undefined), fc.constant(null), fc.integer(), fc.boolean());
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(JSON.stringify(example)) },
    { weight: 6, arbitrary: fc.tuple(fc.nat(paths.length - 1), replacement).map(([index, value]) => JSON.stringify(replaceAt(example, paths[index]!, value)) ?? '') },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: garbageText },
  );
}

function requestFor(name: string, path: string, method: string, operation: Operation): fc.Arbitrary<GeneratedRequest> {
  const parameters = parametersOf(document, operation);
  const valuesOf = (where: Parameter['in']) =>
    fc.record(Object.fromEntries(parameters.filter((parameter) => parameter.in === where).map((parameter) => [parameter.name, parameterValue(parameter, path)])));
  const media = Object.entries(operation.requestBody?.content ?? {});
  const body = media.length === 0
    ? fc.constant(undefined)
    : fc.constantFrom(...media).chain(([type, content]) =>
        fc.record({
          type: fc.oneof({ weight: 8, arbitrary: fc.constant(type) }, { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/xml', 'text/csv', 'application/json; charset=utf-8', '') }),
          text: typeof content.example === 'string' ? fc.oneof(fc.constant(content.example), garbageText) : bodyOf(content.example),
        }),
      );
  // Mostly the key the operation takes (so most requests get past authentication), often another.
  const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
  const rightKeys: Key[] = [...(schemes.includes('publishableKey') ? ['publishable' as const] : []), ...(schemes.includes('secretKey') ? ['secret' as const] : [])];
  const otherKeys: Key[] = ['publishable', 'secret', 'otherTenantSecret', 'testPublishable', 'garbage', 'none'];
  return fc
    .record({
      key: rightKeys.length > 0 ? fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...rightKeys) }, { weight: 2, arbitrary: fc.constantFrom(...otherKeys) }) : fc.constantFrom(...otherKeys),
      // Browsers send an Origin; partner servers (secret keys) usually do not.
      browserOrigin: fc.oneof({ weight: 4, arbitrary: fc.constant('own') }, { weight: 1, arbitrary: fc.constantFrom('foreign', 'none') }),
      serverOrigin: fc.oneof({ weight: 4, arbitrary: fc.constant('none') }, { weight: 1, arbitrary: fc.constantFrom('own', 'foreign') }),
      pathValues: valuesOf('path'),
      query: valuesOf('query'),
      headers: valuesOf('header'),
      body,
    })
    .map(({ key, browserOrigin, serverOrigin, pathValues, query, headers, body: generated }) => {
      const origin = key.endsWith('ublishable') ? browserOrigin : serverOrigin;
      // A path parameter is never empty (`/v1/port-calls/` is another URL), nor `.` or `..`:
      // URLs resolve such a segment away (escaped too) before any server sees it.
      const segment = (value: string | undefined) => (!value || /^\.{1,2}$/.test(value) ? 'missing' : encodeURIComponent(value));
      const concretePath = path.replace(/\{(\w+)\}/g, (_, parameter: string) => segment(pathValues[parameter]));
      const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString();
      const requestHeaders: Record<string, string> = {};
      for (const [header, value] of Object.entries(headers)) if (value !== undefined && /^[\x20-\x7e]*$/.test(value)) requestHeaders[header] = value;
      if (key === 'publishable') requestHeaders['X-PortTask-Key'] = fixture.tenantA.publishableKey;
      if (key === 'testPublishable') requestHeaders['X-PortTask-Key'] = fixture.tenantA.testPublishableKey;
      if (key === 'secret') requestHeaders.Authorization = `Bearer ${fixture.tenantA.secretKey}`;
      if (key === 'otherTenantSecret') requestHeaders.Authorization = `Bearer ${fixture.tenantB.secretKey}`;
      if (key === 'garbage') requestHeaders.Authorization = 'Bearer sk_live_ten_00000000000000000000_nothing';
      if (origin === 'own') requestHeaders.Origin = fixture.tenantA.origin;
      if (origin === 'foreign') requestHeaders.Origin = 'https://evil.example';
      if (generated && generated.type !== '') requestHeaders['Content-Type'] = generated.type;
      return {
        operation: name,
        path: `${concretePath}${search ? `?${search}` : ''}`,
        init: { method: method.toUpperCase(), headers: requestHeaders, ...(generated ? { body: generated.text } : {}) },
      };
    });
}

/** What is wrong with an answer, or nothing. */
async function problemsOf(operation: Operation, response: Response, validator: ReturnType<typeof openApiValidator>): Promise<string[]> {
  const status = String(response.status);
  if (response.status >= 500) return [`answered ${status}: ${await response.text()}`];
  const declared = operation.responses[status];
  if (!declared) return [`status ${status} is not declared: ${await response.text()}`];
  const type = (response.headers.get('Content-Type') ?? '').split(';')[0]!.trim();
  if (type === 'text/event-stream') {
    await response.body?.cancel();
    return declared.content?.[type] ? [] : [`${status} ${type} is not declared`];
  }
  const media = declared.content?.[type];
  if (!media) return [`${status} answered ${type || 'no Content-Type'}, declared ${Object.keys(declared.content ?? {}).join(', ')}`];
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [`${status} body is not JSON: ${text.slice(0, 200)}`];
  }
  return validator.problems(media.schema, body).map((problem) => `${status} body ${problem}`);
}

describe('OpenAPI conformance fuzzing', () => {
  it(`answers ${RUNS} generated requests within the documented responses (seed ${SEED})`, { timeout: 15 * 60_000 }, async () => {
    const validator = openApiValidator(document);
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => requestFor(`${method.toUpperCase()} ${path}`, path, method, operation)),
    );
    const operationNamed = (name: string) => {
      const [method, path] = name.split(' ') as [string, string];
      return document.paths[path]![method.toLowerCase()]!;
    };
    const statuses = new Map<string, number>();
    console.log(`fuzzing ${operations.length} operations, ${RUNS} requests, FUZZ_SEED=${SEED}`);
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(fc.oneof(...operations), async (generated) => {
        const operation = operationNamed(generated.operation);
        const response = await request(generated.path, generated.init);
        const key = `${generated.operation} ${response.status}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        const problems = await problemsOf(operation, response, validator);
        assert.deepEqual(problems, [], `${generated.operation}: ${problems.join('; ')}`);
      }),
      { seed: SEED, numRuns: RUNS, includeErrorInReport: true },
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(`${RUNS} requests in ${seconds.toFixed(1)} s; answers per operation and status:\n${[...statuses].sort().map(([key, count]) => `  ${key}: ${count}`).join('\n')}`);
    const successes = new Set([...statuses].filter(([key]) => / 2\d\d$/.test(key)).map(([key]) => key.replace(/ \d+$/, '')));
    // Out of a generator's reach: verify needs the code from the mail, and a new code needs the
    // one unverified request with its own token (1 id-token pair in 169) and then waits a minute;
    // a refresh token is 256 random bits bound to a key and an origin, so the renewal can only
    // answer 401 here (its success is tested in auth-tokens.test.ts); a signed download link
    // cannot be generated from the document (export.test.ts downloads with real links).
    const unreachable = ['POST /v1/rights-requests/{id}/verify', 'POST /v1/rights-requests/{id}/resend-code', 'POST /v1/auth/token', 'GET /v1/rights-requests/{id}/export'];
    const reached = [...successes].filter((name) => !unreachable.includes(name));
    // Reached only by chance in some seeds (each of the 54 operations gets ~185 requests): a
    // withdrawal needs the one request id with its own requester token; a generated DELETE may
    // remove the seeded webhook endpoint before its deliveries are listed; a generated policy
    // version may repeat one already published (409). Seed 1629560575 missed all three.
    const reachedByChance = 4;
    const missed = operations.length - unreachable.length - reached.length;
    assert.ok(missed <= reachedByChance, `most operations answered a success at least once (${missed} never did): ${reached.join(', ')}`);
  });
});
