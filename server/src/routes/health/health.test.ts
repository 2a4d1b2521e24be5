import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { connect } from '../../db/connection.ts';
import { freePort } from '../../db/local-postgres.ts';
import { createLogger } from '../../logger.ts';

describe('health probes', () => {
  it('answers /healthz without a database, and /readyz 503 in the error shape when the database is gone', async () => {
    const db = connect(`postgres://nobody:nothing@127.0.0.1:${await freePort()}/nowhere`);
    const app = createApp({ db, logger: createLogger('silent'), masterKey: randomBytes(32) });
    try {
      assert.equal((await app.request('/healthz')).status, 200);
      const ready = await app.request('/readyz');
      assert.equal(ready.status, 503);
      assert.equal((await ready.json()).error.code, 'SERVICE_UNAVAILABLE');
    } finally {
      await db.close();
    }
  });
});
