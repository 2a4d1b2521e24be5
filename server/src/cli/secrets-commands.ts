import { parseArgs } from 'node:util';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import { openDatabase } from '../runtime/open-database.ts';
import { rewrapDataKeys } from '../secrets/data-keys.ts';
import { loadMasterKeyring } from '../secrets/master-key.ts';
import { printResult, UsageError } from './output.ts';

/**
 * `porttask secrets rotate`: after PORTTASK_MASTER_KEY is set to a new key and the old one
 * moved to PORTTASK_MASTER_KEY_PREVIOUS, re-wraps every tenant data key under the new key.
 * The encrypted fields themselves do not change. Once it reports nothing left under an
 * earlier key, PORTTASK_MASTER_KEY_PREVIOUS can go. Safe to run again after an interruption.
 */
export async function secretsCommand([action, ...args]: string[], context: { env: Env; logger: Logger }): Promise<void> {
  if (action !== 'rotate') throw new UsageError('usage: porttask secrets rotate [--json]');
  let values: { json?: boolean };
  try {
    ({ values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const keyring = loadMasterKeyring(context.env);
  const db = await openDatabase(context.env, context.logger);
  try {
    const result = { masterKeyId: keyring.current.id, ...(await rewrapDataKeys(db.owner, keyring)) };
    printResult(values.json ?? false, result, () =>
      `Re-wrapped ${result.rewrapped} data key(s) under master key ${result.masterKeyId}; ${result.alreadyCurrent} already were.`);
  } finally {
    await db.close();
  }
}
