import type { ConsentConfig, ConsentPurpose } from '@porttask/sdk';
import type { StoredDecision } from './storage.ts';

/** Whether the browser sends Global Privacy Control (`navigator.globalPrivacyControl`). */
export const browserSendsGpc = (): boolean => (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;

/** Purposes GPC refuses for this tenant: sale/sharing ones, when the tenant honours GPC. */
export function gpcRefusedPurposes(config: ConsentConfig, gpc: boolean): ConsentPurpose[] {
  return gpc && config.honourGpc ? config.purposes.filter((purpose) => purpose.optOutByGpc && !purpose.required) : [];
}

/** A stored decision still counts unless the policy changed or it expired. */
export function isCurrent(decision: StoredDecision | undefined, policyVersion: string | undefined, now = Date.now()): decision is StoredDecision {
  return !!decision && decision.policyVersion === policyVersion && Date.parse(decision.expiresAt) > now;
}

/**
 * Choices before the visitor decided: opt-in jurisdictions allow only what is strictly
 * necessary; opt-out ones allow everything the visitor has not refused, except what GPC refuses.
 */
export function choicesWithoutDecision(config: ConsentConfig, gpc: boolean): Record<string, boolean> {
  const refusedByGpc = new Set(gpcRefusedPurposes(config, gpc).map((purpose) => purpose.key));
  return Object.fromEntries(config.purposes.map((purpose) => [
    purpose.key,
    purpose.required || (config.model === 'opt_out' && !refusedByGpc.has(purpose.key)),
  ]));
}
