import type { DataScope } from '../tenants/data-scope.ts';
import type { Queryable } from './connection.ts';

/** The counters of migration 026: numbers clients see, counted per tenant and environment. */
export type ScopeSequence = 'schedule_events' | 'port_call_timestamps';

/**
 * Takes the next `count` numbers of the scope's counter and returns the first. The counter
 * row stays locked until the caller's transaction ends, so the scope's next writer waits and
 * numbers become visible in order (callers must run inside a transaction).
 */
export async function takeScopeNumbers(sql: Queryable, scope: DataScope, name: ScopeSequence, count: number): Promise<bigint> {
  const [row] = await sql<{ last_value: string }[]>`
    INSERT INTO scope_sequences (tenant_id, environment, name, last_value)
    VALUES (${scope.tenantId}, ${scope.environment}, ${name}, ${count})
    ON CONFLICT (tenant_id, environment, name) DO UPDATE SET last_value = scope_sequences.last_value + ${count}
    RETURNING last_value`;
  return BigInt(row!.last_value) - BigInt(count) + 1n;
}
