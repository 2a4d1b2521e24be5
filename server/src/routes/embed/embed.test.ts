import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAppFixture, type AppFixture } from '../../testing/app-fixture.ts';

let fixture: AppFixture;
before(async () => { fixture = await createAppFixture(); });
after(async () => { await fixture.close(); });

const page = (query: Record<string, string>) => fixture.request(`/embed/login?${new URLSearchParams(query)}`);

describe('/embed/login', () => {
  it('may be framed only by the origin it names, which the key must allow; no inline script', async () => {
    const response = await page({ key: fixture.tenantA.publishableKey, origin: fixture.tenantA.origin });
    assert.equal(response.status, 200);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, new RegExp(`frame-ancestors ${fixture.tenantA.origin}$`));
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(response.headers.get('x-frame-options'), null, 'X-Frame-Options would forbid every framer');
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1]!);
    assert.ok(scripts.every((attributes) => /\bsrc=|type="application\/json"/.test(attributes)), 'only external scripts and a JSON data block');
    assert.match(html, /<label for="sign-in-email">Email<\/label>/);
    assert.match(html, /role="alert"/);
    for (const asset of [...html.matchAll(/(?:src|href)="(\/embed\/assets\/[^"]+)"/g)].map((match) => match[1]!)) {
      const file = await fixture.request(asset);
      assert.equal(file.status, 200, asset);
      assert.match(file.headers.get('cache-control') ?? '', /immutable/);
    }
  });

  it('refuses to render for an origin the key does not allow, an unknown key or a bad origin', async () => {
    for (const query of [
      { key: fixture.tenantA.publishableKey, origin: fixture.tenantB.origin },
      { key: fixture.tenantA.secretKey, origin: fixture.tenantA.origin },
      { key: 'pk_live_nope', origin: fixture.tenantA.origin },
      { key: fixture.tenantA.publishableKey, origin: `${fixture.tenantA.origin} https://evil.example` },
      { key: fixture.tenantA.publishableKey, origin: `${fixture.tenantA.origin}/path` },
    ]) {
      const response = await page(query);
      assert.equal(response.status, 403, JSON.stringify(query));
      assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
      assert.doesNotMatch(await response.text(), /<form/);
    }
  });

  it('speaks Danish, German and Hindi, and English for anything else', async () => {
    const words = { da: 'Log ind', de: 'Anmelden', hi: 'साइन इन करें', fr: 'Sign in' } as const;
    for (const [locale, title] of Object.entries(words)) {
      const html = await (await page({ key: fixture.tenantA.publishableKey, origin: fixture.tenantA.origin, locale })).text();
      assert.ok(html.includes(`<title>${title}</title>`), locale);
      assert.ok(html.includes(`<html lang="${locale === 'fr' ? 'en' : locale}">`), locale);
    }
  });
});
