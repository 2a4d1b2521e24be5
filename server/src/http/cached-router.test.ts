import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { CachedTrieRouter } from './cached-router.ts';

describe('CachedTrieRouter', () => {
  const app = new Hono({ router: new CachedTrieRouter() });
  app.use('*', async (c, next) => { await next(); c.header('X-Seen', 'yes'); });
  app.get('/calls/stream', (c) => c.text('stream'));
  app.get('/calls/:id', (c) => c.text(`call ${c.req.param('id')}`));

  it('answers each path with its own parameters, again and again', async () => {
    for (let round = 0; round < 3; round += 1) {
      for (const id of ['A', 'B', 'stream-not']) {
        const response = await app.request(`/calls/${id}`);
        assert.equal(await response.text(), `call ${id}`);
        assert.equal(response.headers.get('X-Seen'), 'yes');
      }
      assert.equal(await (await app.request('/calls/stream')).text(), 'stream');
    }
  });

  it('sees routes added after it answered, and stays bounded under many distinct paths', async () => {
    assert.equal((await app.request('/late')).status, 404);
    app.get('/late', (c) => c.text('late'));
    assert.equal(await (await app.request('/late')).text(), 'late');
    for (let index = 0; index < 2_500; index += 1) assert.equal(await (await app.request(`/calls/id-${index}`)).text(), `call id-${index}`);
  });
});
