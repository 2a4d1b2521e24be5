import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../../test/e2e/support/chromium.ts';
import { insertApiKey } from '../auth/api-keys.queries.ts';
import type { Sql } from '../db/connection.ts';
import { listen, type Listening } from '../runtime/listen.ts';

/** The login frame on a partner's page in real Chromium: what the frame's browser tests share. */
export interface FramedLogin {
  /** The API, serving the frame from its own origin (127.0.0.1). */
  api: Listening;
  /** The partner's page: `http://localhost:…`, another origin than the API's, so the frame is third-party as on a partner's site. */
  portalUrl: string;
  portalOrigin: string;
  /** A live publishable key of the tenant that allows the portal's origin. */
  publishableKey: string;
  browser: Browser;
  /** The frame's address with the key and the portal's origin, plus `query`. */
  frameSrc(query?: Record<string, string>): string;
  close(): Promise<void>;
}

/**
 * Serves `fetch` (the app) on a loopback port, a partner's page on another origin (its HTML
 * made by `portalPage` for each request, so it may name the frame's address), a key for that
 * origin, and a Chromium.
 */
export async function startFramedLogin(options: {
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>;
  owner: Sql;
  tenantId: string;
  portalPage: (login: FramedLogin) => string;
}): Promise<FramedLogin> {
  const api = await listen(options.fetch, { port: 0, host: '127.0.0.1' });
  const portal = createServer((_request, response) => {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end(options.portalPage(login));
  });
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  const portalOrigin = `http://localhost:${(portal.address() as AddressInfo).port}`;
  const key = await insertApiKey(options.owner, { tenantId: options.tenantId, kind: 'publishable', environment: 'live', allowedOrigins: [portalOrigin] });
  const browser = await launchChromium();
  const login: FramedLogin = {
    api,
    portalUrl: `${portalOrigin}/`,
    portalOrigin,
    publishableKey: key.token,
    browser,
    frameSrc: (query = {}) => `${api.url}/embed/login?${new URLSearchParams({ key: key.token, origin: portalOrigin, ...query })}`,
    async close() {
      await browser.close();
      await new Promise((resolve) => portal.close(resolve));
      await api.close(1_000);
    },
  };
  return login;
}
