import type { Sql } from '../db/connection.ts';
import { appendConsentRecords, type ConsentAppend } from './consents.queries.ts';

interface Pending extends ConsentAppend {
  resolve(appended: boolean): void;
  reject(error: unknown): void;
}

/** Decisions per statement at most; more wait for the next one. */
const MAX_BATCH = 256;

/**
 * Group commit for consent decisions: every decision that arrives while a statement is being
 * written goes into the next statement, so under load many visitors' decisions share one
 * INSERT (and one WAL flush) instead of one each, and with no load a decision is written at
 * once, alone. Each request still gets its own answer: appended, or its idempotency key was
 * already taken. One bad decision cannot fail the others: a failed batch is retried one
 * decision at a time.
 */
export class ConsentAppender {
  readonly #queue: Pending[] = [];
  #writing = false;

  constructor(private readonly sql: Sql) {}

  /** Resolves true once the decision is committed, false if its idempotency key was taken. */
  append(append: ConsentAppend): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ ...append, resolve, reject });
      if (!this.#writing) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#writing = true;
    try {
      while (this.#queue.length > 0) await this.#write(this.#nextBatch());
    } finally {
      this.#writing = false;
    }
  }

  /** The next decisions in arrival order, at most one per idempotency key (a repeat waits). */
  #nextBatch(): Pending[] {
    const batch: Pending[] = [];
    const keys = new Set<string>();
    for (let index = 0; index < this.#queue.length && batch.length < MAX_BATCH; ) {
      const pending = this.#queue[index]!;
      const key = pending.idempotency && `${pending.record.scope.tenantId} ${pending.record.scope.environment} ${pending.idempotency.key}`;
      if (key && keys.has(key)) {
        index += 1;
        continue;
      }
      if (key) keys.add(key);
      batch.push(pending);
      this.#queue.splice(index, 1);
    }
    return batch;
  }

  async #write(batch: Pending[]): Promise<void> {
    try {
      const appended = await appendConsentRecords(this.sql, batch);
      for (const pending of batch) pending.resolve(appended.has(pending.record.receiptId));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const pending of batch) await this.#write([pending]);
    }
  }
}

const appenders = new WeakMap<Sql, ConsentAppender>();

/** The process's appender for a connection pool. */
export function consentAppenderFor(sql: Sql): ConsentAppender {
  let appender = appenders.get(sql);
  if (!appender) appenders.set(sql, (appender = new ConsentAppender(sql)));
  return appender;
}
