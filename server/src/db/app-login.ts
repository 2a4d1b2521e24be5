import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { Sql } from './connection.ts';

/**
 * The application role's login password, derived from the owner's: every process that has the
 * owner's credentials (API processes, the CLI, test files sharing a cluster) arrives at the same
 * one without storing or passing another secret. An owner login without a password (peer or
 * certificate authentication) would make it a constant anyone could compute, so it is refused.
 */
export async function appLoginPassword(owner: Sql): Promise<string> {
  const { pass } = owner.options as { pass?: string | (() => string | Promise<string>) | null };
  const ownerPassword = typeof pass === 'function' ? await pass() : (pass ?? '');
  if (!ownerPassword) {
    throw new Error('The database login in DATABASE_URL has no password. PortTask derives the password of its application role (porttask_app) from it: use a login with a password.');
  }
  return createHmac('sha256', ownerPassword).update('porttask_app login').digest('base64url');
}

/**
 * What `ALTER ROLE … PASSWORD` stores for SCRAM-SHA-256 (RFC 5802/7677), computed here, so the
 * password itself is never sent in a statement that a server's log or audit could record.
 */
export function scramVerifier(password: string, iterations = 4096): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
