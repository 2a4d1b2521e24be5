import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import postgres from 'postgres';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { CounterStore, type Count } from './counter-store.ts';

/**
 * The counters on a real PostgreSQL. Several stores on one database stand for several API
 * processes (each process has one). Every case uses keys of its own.
 */
let db: TestDatabase;
before(async () => { db = await createTestDatabase(); });
after(async () => { await db.drop(); });

/** `total` counts of `key`, spread over `stores` in turn, all started at once. */
async function countAll(stores: CounterStore[], key: string, points: number, total: number, durationSeconds = 60): Promise<Count[]> {
  return Promise.all(Array.from({ length: total }, (_, index) => stores[index % stores.length]!.consume(key, points, durationSeconds)));
}

const admitted = (counts: Count[]) => counts.filter((count) => count.admitted).length;

async function sharedTotal(key: string): Promise<number | undefined> {
  const [row] = await db.owner<{ points: number }[]>`SELECT points FROM rate_limit_counters WHERE key = ${key}`;
  return row?.points;
}

describe('counter store', () => {
  it('one process is exact: the limit admitted, each with its remaining count, the rest refused with the time to reset', async () => {
    const store = new CounterStore(db.sql);
    const counts = await countAll([store], 'exact:one', 30, 200);
    assert.equal(admitted(counts), 30);
    const remaining = counts.flatMap((count) => (count.admitted ? [count.remaining] : [])).sort((a, b) => a - b);
    assert.deepEqual(remaining, Array.from({ length: 30 }, (_, index) => index));
    for (const count of counts) assert.ok(count.msBeforeReset > 0 && count.msBeforeReset <= 60_000);
    await store.flush();
    // Refusals need no confirmation, so only what was counted reached the shared counter.
    assert.ok((await sharedTotal('exact:one'))! >= 30);
    store.close();
  });

  it('several processes on one database: together at most the limit plus each one\'s unconfirmed tenth', async () => {
    const stores = [new CounterStore(db.sql), new CounterStore(db.sql), new CounterStore(db.sql)];
    const points = 100;
    const counts = await countAll(stores, 'shared:three', points, 1_000);
    const total = admitted(counts);
    assert.ok(total >= points, `admitted ${total}: never fewer than the limit`);
    assert.ok(total <= points + stores.length * (points / 10), `admitted ${total}: at most ${points} + 3 × 10`);
    // Once each has written its counts, every process refuses at once.
    for (const store of stores) {
      await store.flush();
      assert.equal((await store.consume('shared:three', points, 60)).admitted, false);
      store.close();
    }
  });

  it('a process learns what the others counted when it writes its own counts', async () => {
    const [one, two] = [new CounterStore(db.sql), new CounterStore(db.sql)];
    assert.equal(admitted(await countAll([one], 'learn:key', 50, 40)), 40);
    await one.flush();
    // The second process has 5 unconfirmed counts (a tenth of 50) to give before it must ask.
    const counts = await countAll([two], 'learn:key', 50, 20);
    assert.equal(admitted(counts), 10);
    await two.flush();
    // The ten it refused after asking were sent with its counts: refusals past the limit may count.
    assert.equal(await sharedTotal('learn:key'), 60);
    one.close();
    two.close();
  });

  it('a window that ended starts again from zero', async () => {
    const store = new CounterStore(db.sql);
    assert.equal(admitted(await countAll([store], 'window:short', 3, 5, 1)), 3);
    await store.flush();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    assert.equal(admitted(await countAll([store], 'window:short', 3, 5, 1)), 3);
    await store.flush();
    assert.equal(await sharedTotal('window:short'), 3);
    store.close();
  });

  it('while the database is unreachable each process counts on its own and nobody waits long', async () => {
    const unreachable = postgres('postgres://nobody@127.0.0.1:1/none', { connect_timeout: 1, max: 1, onnotice: () => {} });
    const store = new CounterStore(unreachable);
    const started = Date.now();
    const counts = await countAll([store], 'away:key', 5, 20);
    assert.equal(admitted(counts), 5);
    assert.ok(Date.now() - started < 3_000, 'decided within the connect timeout');
    store.close();
    await unreachable.end({ timeout: 1 });
  });
});
