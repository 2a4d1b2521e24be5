import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Env } from '../env.ts';
import { masterKeyring, type MasterKeyring } from './master-keyring.ts';

/**
 * The key that wraps every other key (field encryption, audit MACs, demo keys). Production
 * must pass PORTTASK_MASTER_KEY (env.ts refuses to start without it); development generates
 * one into the data directory once, readable only by its owner, so restarts keep data
 * readable.
 */
export function loadMasterKey(env: Pick<Env, 'PORTTASK_MASTER_KEY' | 'PORTTASK_DATA_DIR'>): Buffer {
  if (env.PORTTASK_MASTER_KEY) return Buffer.from(env.PORTTASK_MASTER_KEY, 'base64');
  const file = path.resolve(env.PORTTASK_DATA_DIR, 'master.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  try {
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Two processes starting together on a new data directory: the first one's key wins.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  }
  return key;
}

/** The current master key and the earlier ones still named by PORTTASK_MASTER_KEY_PREVIOUS. */
export function loadMasterKeyring(env: Pick<Env, 'PORTTASK_MASTER_KEY' | 'PORTTASK_DATA_DIR' | 'PORTTASK_MASTER_KEY_PREVIOUS'>): MasterKeyring {
  const previous = (env.PORTTASK_MASTER_KEY_PREVIOUS ?? '').split(',').filter(Boolean).map((key) => Buffer.from(key, 'base64'));
  return masterKeyring(loadMasterKey(env), previous);
}
