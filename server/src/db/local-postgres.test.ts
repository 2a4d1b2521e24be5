import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { startLocalPostgres } from './local-postgres.ts';

it('as root, refuses a data directory the postgres user cannot reach, saying why and what to do', { skip: process.getuid?.() !== 0 && 'only as root' }, async () => {
  const closed = await mkdtemp(path.join(os.tmpdir(), 'porttask-closed-')); // mode 700
  try {
    await assert.rejects(startLocalPostgres(path.join(closed, 'data', 'postgres')), (error: Error) => {
      assert.match(error.message, /"postgres" user, which cannot enter .*porttask-closed-/);
      assert.match(error.message, /DATABASE_URL/);
      return true;
    });
  } finally {
    await rm(closed, { recursive: true, force: true });
  }
});
