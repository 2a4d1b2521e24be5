import type { ConsentSource, NewConsentRecord } from '@porttask/sdk';

/** A decision as the device keeps it (localStorage of the partner's origin). */
export interface StoredDecision {
  subjectId: string;
  choices: Record<string, boolean>;
  policyVersion: string;
  decidedAt: string;
  /** After this instant the banner asks again (the tenant's expiry, default 182 days). */
  expiresAt: string;
  source: ConsentSource;
  gpc: boolean;
  /** Google Consent Mode signals granted by the decision, so they apply before the config arrives. */
  signals: string[];
  /** The Idempotency-Key the decision is sent with; the receipt arrives under it. */
  key: string;
  receiptId?: string;
}

/** A decision waiting to reach the server, kept until the server has it. */
export interface PendingDecision {
  key: string;
  body: NewConsentRecord;
}

export const prefix = 'porttask-consent';

/**
 * localStorage that never throws into the host page: storage can be disabled, full, or
 * blocked (Safari private mode, sandboxed frames). Then the decision lives for this page only.
 */
const memory = new Map<string, string>();
export function read<T>(name: string): T | undefined {
  let text: string | null | undefined;
  try {
    text = localStorage.getItem(name);
  } catch {
    text = memory.get(name);
  }
  try {
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}
export function write(name: string, value: unknown): void {
  const text = JSON.stringify(value);
  try {
    localStorage.setItem(name, text);
  } catch {
    memory.set(name, text);
  }
}

/**
 * The tenant id inside a publishable key (`pk_<env>_<tenant><32-character secret>`), so stored
 * decisions and the queue of unsent ones are found without waiting for the API.
 */
export const tenantIdOfKey = (publishableKey: string) => `ten_${publishableKey.slice(8, -32)}`;

export const readDecision = (tenantId: string) => read<StoredDecision>(`${prefix}:${tenantId}`);
export const writeDecision = (tenantId: string, decision: StoredDecision) => write(`${prefix}:${tenantId}`, decision);
export const readPending = (tenantId: string) => read<PendingDecision[]>(`${prefix}-pending:${tenantId}`) ?? [];
export const writePending = (tenantId: string, pending: PendingDecision[]) => write(`${prefix}-pending:${tenantId}`, pending);
/** Puts a decision in the send queue (replacing one with the same key): on the device before any attempt. */
export const queueDecision = (tenantId: string, key: string, body: NewConsentRecord) =>
  writePending(tenantId, [...readPending(tenantId).filter((item) => item.key !== key), { key, body }]);
