import type { RouteHandler } from '@hono/zod-openapi';
import type { LoginAuditEvent } from '@porttask/sdk/schemas';
import type { AppEnv } from '../../app-env.ts';
import { pageCursorsOf } from '../../http/page-cursor.ts';
import { rawPublicKey } from '../../login-audit/audit-keys.ts';
import { verifyChain } from '../../login-audit/chain-maintenance.ts';
import { listAuditRows } from '../../login-audit/login-audit.queries.ts';
import type { listLoginEventsRoute, verifyLoginAuditRoute } from './audit.routes.ts';

export const list: RouteHandler<typeof listLoginEventsRoute, AppEnv> = async (c) => {
  const { outcome, cursor, limit } = c.req.valid('query');
  const scope = c.get('scope');
  const trail = c.get('loginAudit');
  // Bound to the filter too: a cursor of one outcome's list does not page through another's.
  const list = `login-events:${outcome ?? ''}`;
  const cursors = pageCursorsOf(c);
  const before = cursors.open(list, cursor)?.[0];
  const rows = await listAuditRows(c.get('sql'), scope, { beforeSequence: before === undefined ? undefined : Number(before), outcome, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const data: LoginAuditEvent[] = await Promise.all(page.map(async (row) => ({
    sequence: row.sequence,
    occurredAt: row.occurredAt,
    outcome: row.outcome as LoginAuditEvent['outcome'],
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    email: row.emailSealed ? await trail.emailSealer.open(scope, row.emailSealed) : null,
    accountId: row.accountId,
    rowHash: row.rowHash.toString('hex'),
  })));
  return c.json({ data, nextCursor: cursors.seal(list, rows.length > limit ? [String(page.at(-1)!.sequence)] : null) }, 200);
};

export const verify: RouteHandler<typeof verifyLoginAuditRoute, AppEnv> = async (c) => {
  const { keys } = c.get('loginAudit');
  const result = await verifyChain(c.get('sql'), keys, c.get('scope'));
  return c.json({
    intact: result.intact,
    environment: result.environment,
    eventsChecked: result.eventsChecked,
    checkpointsChecked: result.checkpointsChecked,
    fault: result.fault,
    signingKey: { keyId: keys.signing.keyId, algorithm: 'Ed25519' as const, publicKey: rawPublicKey(keys.signing.publicKey).toString('base64url') },
  }, 200);
};
