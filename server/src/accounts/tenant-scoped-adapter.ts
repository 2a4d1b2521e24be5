import type { DBAdapter, DBAdapterInstance, DBTransactionAdapter, Where } from '@better-auth/core/db/adapter';
import type { DataScope } from '../tenants/data-scope.ts';

/**
 * better-auth knows one set of users; PortTask has one per tenant and environment. This
 * wraps better-auth's database adapter so that every read, update and delete it makes is
 * limited to one scope (`tenantId` and `environment` added to its conditions) and every row
 * it creates carries the scope. One better-auth instance runs per scope (auth-instances.ts),
 * so the same email in two tenants is two accounts, and a session, token or reset link of
 * one tenant finds nothing in another.
 */
export function tenantScopedAdapter(inner: DBAdapterInstance, scope: DataScope): DBAdapterInstance {
  return (options) => scoped(inner(options), scope) as DBAdapter;
}

function scoped(adapter: DBAdapter | DBTransactionAdapter, scope: DataScope): DBAdapter | DBTransactionAdapter {
  const limit = (where: Where[] | undefined): Where[] => [
    ...(where ?? []),
    { field: 'tenantId', value: scope.tenantId, operator: 'eq', connector: 'AND' },
    { field: 'environment', value: scope.environment, operator: 'eq', connector: 'AND' },
  ];
  const wrapped: DBTransactionAdapter = {
    ...adapter,
    create: (data) => adapter.create({ ...data, data: { ...data.data, tenantId: scope.tenantId, environment: scope.environment } }),
    findOne: (data) => adapter.findOne({ ...data, where: limit(data.where) }),
    findMany: (data) => adapter.findMany({ ...data, where: limit(data.where) }),
    count: (data) => adapter.count({ ...data, where: limit(data.where) }),
    update: (data) => adapter.update({ ...data, where: limit(data.where), update: withoutScope(data.update) }),
    updateMany: (data) => adapter.updateMany({ ...data, where: limit(data.where), update: withoutScope(data.update) }),
    delete: (data) => adapter.delete({ ...data, where: limit(data.where) }),
    deleteMany: (data) => adapter.deleteMany({ ...data, where: limit(data.where) }),
    consumeOne: (data) => adapter.consumeOne({ ...data, where: limit(data.where) }),
    incrementOne: (data) => adapter.incrementOne({ ...data, where: limit(data.where) }),
  };
  if ('transaction' in adapter) {
    return { ...wrapped, transaction: (callback) => adapter.transaction((transaction) => callback(scoped(transaction, scope) as DBTransactionAdapter)) } as DBAdapter;
  }
  return wrapped;
}

/** A row never moves to another scope, whatever an update asks. */
function withoutScope<Update extends Record<string, unknown>>(update: Update): Update {
  const { tenantId: _tenantId, environment: _environment, ...rest } = update;
  return rest as Update;
}
