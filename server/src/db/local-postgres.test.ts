import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, stat, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import postgres from 'postgres';
import { scramVerifier } from './app-login.ts';
import { startLocalPostgres, storedSuperuserPassword } from './local-postgres.ts';

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

/** Whether `password` logs in as the superuser on the cluster at `url`'s port: true, or the refusal's code. */
async function logsIn(url: string, password: string): Promise<true | string> {
  const target = new URL(url);
  target.password = encodeURIComponent(password);
  const sql = postgres(target.toString(), { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await sql`SELECT 1`;
    return true;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await sql.end();
  }
}

it('is private: a random superuser password in a 0600 file, postgres/postgres refused; an old cluster gets one on its next start', async () => {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'porttask-private-'));
  await chmod(directory, 0o777); // as root, the `postgres` system user writes here
  const databaseDir = path.join(directory, 'postgres');
  try {
    let cluster = await startLocalPostgres(databaseDir);
    const password = storedSuperuserPassword(databaseDir)!;
    try {
      assert.match(password, /^[A-Za-z0-9_-]{43}$/);
      assert.equal((await stat(path.join(databaseDir, 'porttask-superuser.password'))).mode & 0o777, 0o600);
      assert.equal(await logsIn(cluster.url, 'postgres'), '28P01', 'postgres/postgres must be refused');
      assert.equal(await logsIn(cluster.url, password), true);
      // Make it a cluster of before: the old password, no file.
      const owner = postgres(cluster.url, { max: 1, onnotice: () => {} });
      await owner.unsafe(`ALTER ROLE postgres PASSWORD '${scramVerifier('postgres')}'`);
      await owner.end();
    } finally {
      await cluster.stop();
    }
    await unlink(path.join(databaseDir, 'porttask-superuser.password'));

    cluster = await startLocalPostgres(databaseDir);
    try {
      const changed = storedSuperuserPassword(databaseDir)!;
      assert.ok(changed && changed !== password && changed !== 'postgres');
      assert.equal(await logsIn(cluster.url, 'postgres'), '28P01', 'the old password no longer works');
      assert.equal(await logsIn(cluster.url, changed), true);
    } finally {
      await cluster.stop();
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});
