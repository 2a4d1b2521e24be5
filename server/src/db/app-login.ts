import { createHmac } from 'node:crypto';
import type { Sql } from './connection.ts';

/**
 * The application role's login password, derived from the owner's: every process that has the
 * owner's credentials (API processes, the CLI, test files sharing a cluster) arrives at the
 * same one without storing or passing another secret, and knowing it reveals nothing of the
 * owner's. `migrate()` sets it; the app pool logs in with it.
 */
export async function appLoginPassword(owner: Sql): Promise<string> {
  const { pass } = owner.options as { pass?: string | (() => string | Promise<string>) | null };
  const ownerPassword = typeof pass === 'function' ? await pass() : (pass ?? '');
  return createHmac('sha256', ownerPassword).update('porttask_app login').digest('base64url');
}
