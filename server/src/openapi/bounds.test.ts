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
