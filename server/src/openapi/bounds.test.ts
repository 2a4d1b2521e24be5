import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAppFixture, type AppFixture } from '../testing/app-fixture.ts';
import { parametersOf, type JsonSchema, type OpenApiDocument } from '../testing/openapi-validator.ts';
import { buildOpenApiDocument } from './print-document.ts';

/*
 * Bounded input: every string, list and map a client can send has a maximum, so no request
 * can make the API store (or chew on) more than its meaning needs. Derived from the OpenAPI
 * document, so a new route or field is checked without anyone remembering to.
 */
const document = buildOpenApiDocument() as unknown as OpenApiDocument;

/** Schemas that may hold anything, each with the reason it is still bounded. */
const ALLOWED_OPEN_SCHEMAS: Record<string, string> = {
  'POST /v1/port-calls/import body application/json .rows[]':
    'each row is validated as a PortCallImportRow by the handler (to name every bad row); at most 5,000 rows in at most 8 MB',
};

/** Where in the request schemas a string, list or map has no maximum. */
function unbounded(schema: JsonSchema, where: string, seen = new Set<string>()): string[] {
  const reference = schema.$ref as string | undefined;
  if (reference) {
    if (seen.has(reference)) return [];
    return unbounded(document.components.schemas[reference.split('/').pop()!]!, where, new Set([...seen, reference]));
  }
  const found: string[] = [];
  for (const keyword of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const branch of (schema[keyword] as JsonSchema[] | undefined) ?? []) found.push(...unbounded(branch, where, seen));
  }
  const types = [schema.type].flat();
  const open = schema.type === undefined && !schema.anyOf && !schema.oneOf && !schema.allOf && schema.enum === undefined && schema.const === undefined;
  if (open && !(where in ALLOWED_OPEN_SCHEMAS)) found.push(`${where}: any value`);
  if (types.includes('string') && schema.maxLength === undefined && schema.enum === undefined && schema.const === undefined) found.push(`${where}: string without maxLength`);
  if (types.includes('array')) {
    if (schema.maxItems === undefined) found.push(`${where}: array without maxItems`);
    if (schema.items) found.push(...unbounded(schema.items as JsonSchema, `${where}[]`, seen));
  }
  if (types.includes('object')) {
    for (const [name, property] of Object.entries((schema.properties as Record<string, JsonSchema> | undefined) ?? {})) {
      found.push(...unbounded(property, `${where}.${name}`, seen));
    }
    const additional = schema.additionalProperties;
    if (additional && typeof additional === 'object') {
      if (schema.maxProperties === undefined) found.push(`${where}: map without maxProperties`);
      found.push(...unbounded(additional as JsonSchema, `${where}{}`, seen));
    }
  }
  return found;
}

function requestSchemas(): { where: string; schema: JsonSchema }[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).flatMap(([method, operation]) => {
      const name = `${method.toUpperCase()} ${path}`;
      return [
        ...parametersOf(document, operation).map((parameter) => ({ where: `${name} ${parameter.in} ${parameter.name}`, schema: parameter.schema })),
        ...Object.entries(operation.requestBody?.content ?? {}).map(([type, media]) => ({ where: `${name} body ${type} `, schema: media.schema })),
      ];
    }),
  );
}

/**
 * The most bytes a value valid against `schema` takes as JSON (UTF-8, 4 bytes a character at
 * worst), or Infinity where something is unbounded.
 */
function maxJsonBytes(schema: JsonSchema, seen = new Set<string>()): number {
  const reference = schema.$ref as string | undefined;
  if (reference) return seen.has(reference) ? Infinity : maxJsonBytes(document.components.schemas[reference.split('/').pop()!]!, new Set([...seen, reference]));
  const branches = [...((schema.anyOf as JsonSchema[] | undefined) ?? []), ...((schema.oneOf as JsonSchema[] | undefined) ?? [])];
  if (branches.length > 0) return Math.max(...branches.map((branch) => maxJsonBytes(branch, seen)));
  if (Array.isArray(schema.enum)) return Math.max(...schema.enum.map((value) => JSON.stringify(value).length));
  const types = [schema.type].flat();
  let most = types.includes('null') ? 4 : 0;
  if (types.includes('boolean')) most = Math.max(most, 5);
  if (types.includes('number') || types.includes('integer')) most = Math.max(most, 24);
  if (types.includes('string')) most = Math.max(most, schema.maxLength === undefined ? Infinity : 4 * (schema.maxLength as number) + 2);
  if (types.includes('array')) most = Math.max(most, schema.maxItems === undefined ? Infinity : 2 + (schema.maxItems as number) * (maxJsonBytes(schema.items as JsonSchema, seen) + 1));
  if (types.includes('object')) {
    const properties = Object.entries((schema.properties as Record<string, JsonSchema> | undefined) ?? {});
    let bytes = 2 + properties.reduce((sum, [name, property]) => sum + name.length + 4 + maxJsonBytes(property, seen), 0);
    const additional = schema.additionalProperties;
    if (additional && typeof additional === 'object') {
      const keyBytes = 4 * (((schema.propertyNames as JsonSchema | undefined)?.maxLength as number | undefined) ?? 40) + 4;
      bytes += schema.maxProperties === undefined ? Infinity : (schema.maxProperties as number) * (keyBytes + maxJsonBytes(additional as JsonSchema, seen));
    }
    most = Math.max(most, bytes);
  }
  return most;
}

describe('Bounded input', () => {
  it('has a maximum for every string, list and map in every request (bodies, path, query)', () => {
    const schemas = requestSchemas();
    assert.ok(schemas.length > 30, 'walks the request schemas');
    assert.deepEqual(schemas.flatMap(({ where, schema }) => unbounded(schema, where)), []);
  });

  it('catches an unbounded string, list and map (the walker can fail)', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'array', items: { type: 'string', maxLength: 1 } } }, additionalProperties: { type: 'boolean' } };
    assert.deepEqual(unbounded(schema, 'x'), ['x.a: string without maxLength', 'x.b: array without maxItems', 'x: map without maxProperties']);
  });

  it('bounds what an anonymous visitor can make the API store: a consent record is at most a few KB', () => {
    // Keys of `choices` are purpose keys (≤ 40 characters): the document does not carry
    // propertyNames, so maxJsonBytes assumes 40.
    const bytes = maxJsonBytes({ $ref: '#/components/schemas/NewConsentRecord' });
    assert.ok(bytes <= 8192, `a NewConsentRecord is at most ${bytes} bytes of JSON`);
    console.log(`largest possible consent record body: ${bytes} bytes (plus the user agent, cut at 1,000 characters, and the IP address)`);
  });

  it('bounds a locale as a BCP 47 tag (at most 35 characters)', () => {
    const record = document.components.schemas.NewConsentRecord as { properties: Record<string, JsonSchema> };
    assert.equal(record.properties.locale!.maxLength, 35);
  });
});

describe('Oversized consent records are refused', () => {
  let fixture: AppFixture;
  before(async () => { fixture = await createAppFixture(); });
  after(async () => { await fixture.close(); });

  const post = (locale: string) =>
    fixture.request('/v1/consents', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-PortTask-Key': fixture.tenantA.publishableKey, Origin: fixture.tenantA.origin },
      body: JSON.stringify({ subjectId: 'v_8c1f2e4a9b7d4c3e', choices: {}, policyVersion: '1', bannerTextHash: '0'.repeat(64), locale, source: 'banner', gpc: false }),
    });

  it('answers a 300 KB locale with 413 (or 422), and writes nothing', async () => {
    const response = await post(`en-${'abcdefgh-'.repeat(34_000)}x1`);
    assert.ok([413, 422].includes(response.status), `status ${response.status}`);
    const [row] = await fixture.db.owner<{ count: number }[]>`SELECT count(*)::int AS count FROM consent_records`;
    assert.equal(row?.count, 0);
  });

  it('answers a locale that fits the body limit but not a BCP 47 tag with 422 naming it', async () => {
    for (const locale of [`en-${'abcdefgh-'.repeat(20_000)}x1`, `en-${'abcdefgh-'.repeat(3)}abcdefgh1`]) {
      const response = await post(locale);
      assert.equal(response.status, 422, `${locale.length} characters`);
      const body = (await response.json()) as { error: { code: string; issues: { path: (string | number)[] }[] } };
      assert.equal(body.error.code, 'VALIDATION_FAILED');
      assert.deepEqual([...new Set(body.error.issues.map((issue) => issue.path.join('.')))], ['body.locale']);
    }
  });
});
