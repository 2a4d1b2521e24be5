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
    // A join is made here, as one more scoped query per joined model: better-auth's own join
    // (the adapter factory's fallback) reads the joined rows by the foreign key alone.
    findOne: async <T>(data: Parameters<DBAdapter['findOne']>[0]) => {
      const row = await adapter.findOne<Row>({ ...data, join: undefined, where: limit(data.where) });
      return (row && data.join ? await joined(wrapped, data.model, row, data.join) : row) as T | null;
    },
    findMany: async <T>(data: Parameters<DBAdapter['findMany']>[0]) => {
      const rows = await adapter.findMany<Row>({ ...data, join: undefined, where: limit(data.where) });
      const join = data.join;
      return (join ? await Promise.all(rows.map((row) => joined(wrapped, data.model, row, join))) : rows) as T[];
    },
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

type Row = Record<string, unknown>;
type JoinOption = NonNullable<Parameters<DBAdapter['findOne']>[0]['join']>;

/**
 * The joins better-auth asks for are between `user` and the models that name it by `userId`
 * (session → user, account → user, user → account). Any other join is refused rather than
 * made unscoped.
 */
async function joined(scopedAdapter: DBTransactionAdapter, baseModel: string, row: Row, join: JoinOption): Promise<Row> {
  const result: Row = { ...row };
  for (const [joinModel, option] of Object.entries(join)) {
    if (!option) continue;
    if (joinModel === 'user' && baseModel !== 'user') {
      const userId = row['userId'];
      result[joinModel] = typeof userId === 'string'
        ? await scopedAdapter.findOne({ model: 'user', where: [{ field: 'id', value: userId, operator: 'eq', connector: 'AND' }] })
        : null;
    } else if (baseModel === 'user' && joinModel !== 'user') {
      const limit = typeof option === 'object' && typeof option.limit === 'number' ? option.limit : 100;
      result[joinModel] = await scopedAdapter.findMany({ model: joinModel, limit, where: [{ field: 'userId', value: row['id'] as string, operator: 'eq', connector: 'AND' }] });
    } else {
      throw new Error(`tenant-scoped adapter: no scoped join from ${baseModel} to ${joinModel}`);
    }
  }
  return result;
}

/** A row never moves to another scope, whatever an update asks. */
function withoutScope<Update extends Record<string, unknown>>(update: Update): Update {
  const { tenantId: _tenantId, environment: _environment, ...rest } = update;
  return rest as Update;
}
