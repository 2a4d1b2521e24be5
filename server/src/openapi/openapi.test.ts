import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { compileErrors, validate } from '@readme/openapi-parser';
import { createAppFixture, type AppFixture } from '../testing/app-fixture.ts';

let fixture: AppFixture;
before(async () => { fixture = await createAppFixture(); });
after(async () => { await fixture.close(); });

describe('OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const document = await (await fixture.request('/openapi.json')).json();
    assert.equal(document.openapi, '3.1.0');
    const result = await validate(structuredClone(document));
    assert.ok(result.valid, compileErrors(result));
  });

  it('documents every route with its security and the error shape', async () => {
    const document = await (await fixture.request('/openapi.json')).json();
    const config = document.paths['/v1/config'].get;
    assert.deepEqual(config.security, [{ publishableKey: [] }, { secretKey: [] }]);
    assert.equal(config.responses['401'].content['application/json'].schema.$ref, '#/components/schemas/ErrorResponse');
    assert.ok(document.components.securitySchemes.publishableKey);
    assert.ok(document.components.schemas.WidgetConfig);
  });

  it('has a readable reference at /docs that works under its own CSP', async () => {
    const response = await fixture.request('/docs');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('Content-Security-Policy') ?? '', /style-src 'self'/);
    const page = await response.text();
    assert.match(page, /<code>GET \/v1\/config<\/code>/);
    assert.doesNotMatch(page, /<script/);
    assert.equal((await fixture.request('/docs/docs.css')).status, 200);
  });
});
