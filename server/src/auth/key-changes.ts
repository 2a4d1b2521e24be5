import type { Sql } from '../db/connection.ts';
import { channelFeed, type ChannelFeed } from '../db/channel-feed.ts';

/** The channel migration 027's trigger notifies on every change to a key: "tenant_id:key_id". */
export const API_KEYS_CHANNEL = 'porttask_keys';

/** A changed key, or `undefined` after the LISTEN connection came back: anything may have changed. */
export type KeyChange = { tenantId: string; keyId: string } | undefined;

function parseKeyChange(payload: string): NonNullable<KeyChange> | null {
  const [tenantId, keyId] = payload.split(':');
  return tenantId && keyId ? { tenantId, keyId } : null;
}

/**
 * The key-change feed of this pool (its LISTEN starts on first subscribe), shared by the key
 * cache of `authenticate`, every live stream of the process and the widget-configuration cache.
 * A revocation, a roll or an origin change made by any process (another API process, the CLI)
 * reaches every process within a round trip.
 */
export function keyChangesFor(sql: Sql): ChannelFeed<NonNullable<KeyChange>> {
  return channelFeed(sql, API_KEYS_CHANNEL, parseKeyChange);
}
