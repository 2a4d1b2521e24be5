import assert from 'node:assert/strict';

/** Asserts a 429 RATE_LIMITED answer of limit `limit`, in the error shape with Retry-After and the RateLimit fields. */
export async function assertRateLimited(response: Response, limit: string, options: { preflight?: boolean } = {}): Promise<{ error: { code: string; message: string; requestId: string } }> {
  assert.equal(response.status, 429);
  const body = await response.json() as { error: { code: string; message: string; requestId: string } };
  assert.equal(body.error.code, 'RATE_LIMITED');
  assert.match(body.error.requestId, /^req_/);
  assert.match(response.headers.get('Retry-After') ?? '', /^[1-9]\d*$/);
  assert.match(response.headers.get('RateLimit-Policy') ?? '', new RegExp(`^"${limit}";q=\\d+;w=\\d+$`));
  assert.match(response.headers.get('RateLimit') ?? '', new RegExp(`^"${limit}";r=0;t=\\d+$`));
  // The page may read them (CORS); a refused preflight is never shown to a page.
  if (!options.preflight) assert.match(response.headers.get('Access-Control-Expose-Headers') ?? '', /Retry-After.*RateLimit, RateLimit-Policy/);
  return body;
}
