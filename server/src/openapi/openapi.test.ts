import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { compileErrors, validate } from '@readme/openapi-parser';
import { createClient } from '@porttask/sdk';
import { openApiValidator, parametersOf, type OpenApiDocument } from '../testing/openapi-validator.ts';
import { buildOpenApiDocument, documentationApp } from './print-document.ts';
import { REFERENCE_CSP } from './reference-page.ts';

// The document is built from the route definitions alone: no database needed.
const document = buildOpenApiDocument() as unknown as OpenApiDocument;
const validator = openApiValidator(document);
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, path, method, operation })),
);

/** Examples of a media type: its own `example`, else its schema's `examples`. */
function examplesOf(media: { schema: Record<string, unknown>; example?: unknown }): unknown[] {
  if (media.example !== undefined) return [media.example];
  return (validator.resolve(media.schema).examples as unknown[] | undefined) ?? [];
}

describe('OpenAPI document', () => {
  it('is valid OpenAPI 3.1 and names its server', async () => {
    assert.equal((document as unknown as { openapi: string }).openapi, '3.1.0');
    const result = await validate(structuredClone(document) as never);
    assert.ok(result.valid, compileErrors(result));
    assert.ok(document.servers?.[0]?.url);
  });

  it('gives every operation a stable camelCase operationId, a summary, a Markdown description and a tag', () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    for (const { name, operation } of operations) {
      assert.match(operation.operationId ?? '', /^[a-z][a-zA-Z0-9]+$/, `${name}: operationId (define the route with apiRoute(), server/src/openapi/operation.ts)`);
      assert.ok(operation.summary, `${name}: summary`);
      assert.ok((operation.description ?? '').length >= 40, `${name}: a description that explains`);
      assert.equal(operation.tags?.length, 1, `${name}: one tag`);
    }
  });

  it('has an example, valid against its schema, for every request body and success response', () => {
    for (const { name, operation } of operations) {
      for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
        const examples = examplesOf(media);
        assert.ok(examples.length > 0, `${name}: request ${type} example`);
        for (const example of examples) assert.deepEqual(validator.problems(media.schema, example), [], `${name}: request ${type} example`);
      }
      const successes = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      assert.ok(successes.length > 0, `${name}: a success response`);
      for (const [status, response] of successes) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          const examples = examplesOf(media);
          assert.ok(examples.length > 0, `${name}: ${status} ${type} example`);
          for (const example of examples) assert.deepEqual(validator.problems(media.schema, example), [], `${name}: ${status} example`);
        }
      }
    }
  });

  it('has every schema example valid against its schema', () => {
    for (const [id, schema] of Object.entries(document.components.schemas)) {
      for (const example of (schema.examples as unknown[] | undefined) ?? []) {
        assert.deepEqual(validator.problems({ $ref: `#/components/schemas/${id}` }, example), [], `${id} example`);
      }
    }
  });

  it('declares the error answers every operation can give, in the error shape with examples and retry headers', () => {
    for (const { name, path, operation } of operations) {
      const declared = new Set(Object.keys(operation.responses));
      const expected = ['500'];
      if (path !== '/healthz') expected.push('503');
      if (path.startsWith('/v1/')) expected.push('401', '403', '429');
      if (operation.requestBody) expected.push('400', '409', '413', '415', '422');
      // A POST takes an Idempotency-Key, body or not: malformed (400) or reused (409).
      if (name.startsWith('POST ')) expected.push('400', '409');
      const parameters = parametersOf(document, operation).filter((parameter) => parameter.in !== 'header');
      if (parameters.length > 0) expected.push('422');
      if (parameters.some((parameter) => parameter.name === 'cursor')) expected.push('400');
      for (const status of expected) assert.ok(declared.has(status), `${name} declares ${status}`);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status.startsWith('2')) continue;
        const media = response.content?.['application/json'];
        assert.equal(media?.schema.$ref, '#/components/schemas/ErrorResponse', `${name} ${status}: the error shape`);
        assert.deepEqual(validator.problems(media.schema, media.example), [], `${name} ${status}: example`);
      }
      if (declared.has('429')) assert.deepEqual(Object.keys(operation.responses['429']!.headers ?? {}).sort(), ['RateLimit', 'RateLimit-Policy', 'Retry-After']);
      if (declared.has('503')) assert.ok(operation.responses['503']!.headers?.['Retry-After'], `${name} 503: Retry-After`);
    }
    assert.match(JSON.stringify(document), /405/, 'the API description says how a wrong method is answered');
  });

  it('has a curl sample for every operation and an SDK sample that calls a method the SDK has', () => {
    const client = createClient({ apiUrl: 'http://127.0.0.1:9', secretKey: 'sk_test_x' }) as unknown as Record<string, Record<string, unknown>>;
    let sdkSamples = 0;
    for (const { name, operation } of operations) {
      const samples = operation['x-codeSamples'] ?? [];
      const curl = samples.find((sample) => sample.label === 'curl')?.source ?? '';
      assert.match(curl, /^curl /, `${name}: curl sample`);
      // A header the operation requires (the requester token) is in the sample, or it fails as written.
      for (const parameter of operation.parameters ?? []) {
        if ('$ref' in parameter) continue;
        if (parameter.in === 'header' && parameter.required) assert.match(curl, new RegExp(`-H "${parameter.name}: `, 'i'), `${name}: curl sends ${parameter.name}`);
      }
      const sdk = samples.find((sample) => sample.label === '@porttask/sdk');
      if (!sdk) continue;
      sdkSamples += 1;
      const [, resource, method] = /client\.(\w+)\.(\w+)\(/.exec(sdk.source) ?? [];
      assert.equal(typeof client[resource!]?.[method!], 'function', `${name}: client.${resource}.${method} exists`);
    }
    assert.ok(sdkSamples >= 12, `SDK samples for the operations the SDK covers (${sdkSamples})`);
  });
});

describe('Serving the document and the reference', () => {
  const app = documentationApp();

  it('serves /openapi.json naming the origin it was asked on as its server', async () => {
    const served = (await (await app.request('http://api.example.test/openapi.json')).json()) as OpenApiDocument;
    assert.equal(served.servers?.[0]?.url, 'http://api.example.test');
  });

  it('serves /docs with its CSP and the renderer from its own origin, compressed and immutable', async () => {
    const response = await app.request('/docs');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('Content-Security-Policy'), REFERENCE_CSP);
    assert.doesNotMatch(REFERENCE_CSP, /script-src[^;]*unsafe/, 'no inline or eval scripts');
    const scripts = [...(await response.text()).matchAll(/<script src="([^"]+)"><\/script>/g)].map((match) => match[1]!);
    assert.equal(scripts.length, 2);
    for (const script of scripts) {
      const asset = await app.request(script, { headers: { 'Accept-Encoding': 'gzip' } });
      assert.equal(asset.status, 200, script);
      assert.match(asset.headers.get('Cache-Control') ?? '', /immutable/);
      if (asset.headers.get('Content-Encoding') === 'gzip') assert.match(gunzipSync(Buffer.from(await asset.arrayBuffer())).toString('utf8', 0, 2000), /\S/);
    }
  });
});
