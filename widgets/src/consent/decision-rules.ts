import type { ConsentConfig } from '@porttask/sdk';
import { gpcRefusedPurposes } from './model.ts';

/*
 * The consent rules a decision needs (what each button grants, what a decision signals and
 * refuses, the proof of what was shown), apart from model.ts: only the banner's decision chunk
 * uses them, so they stay out of its first load.
 */

/**
 * A decision's choices with what GPC refuses turned off, or undefined when GPC changes nothing.
 * A decision made before the browser sent GPC must not outlast the signal (CCPA: GPC is an
 * opt-out of sale and sharing, whatever was clicked before).
 */
export function choicesUnderGpc(config: ConsentConfig, choices: Record<string, boolean>, gpc: boolean): Record<string, boolean> | undefined {
  const overruled = gpcRefusedPurposes(config, gpc).filter((purpose) => choices[purpose.key]);
  return overruled.length ? { ...choices, ...Object.fromEntries(overruled.map((purpose) => [purpose.key, false])) } : undefined;
}

/** "Accept all" grants every purpose, except those GPC refused: a browser signal is not overridden by one click. */
export function acceptAllChoices(config: ConsentConfig, gpc: boolean): Record<string, boolean> {
  const refusedByGpc = new Set(gpcRefusedPurposes(config, gpc).map((purpose) => purpose.key));
  return Object.fromEntries(config.purposes.map((purpose) => [purpose.key, purpose.required || !refusedByGpc.has(purpose.key)]));
}

export function rejectAllChoices(config: ConsentConfig): Record<string, boolean> {
  return Object.fromEntries(config.purposes.map((purpose) => [purpose.key, purpose.required]));
}

/** Consent Mode signals granted by these choices. */
export function grantedSignals(config: ConsentConfig, choices: Record<string, boolean>): string[] {
  return [...new Set(config.purposes.filter((purpose) => choices[purpose.key]).flatMap((purpose) => purpose.consentModeSignals))];
}

/** Cookie patterns of the purposes these choices refuse. */
export function refusedCookiePatterns(config: ConsentConfig, choices: Record<string, boolean>): string[] {
  return config.purposes.filter((purpose) => !choices[purpose.key]).flatMap((purpose) => purpose.services.flatMap((service) => service.cookies));
}

/** SHA-256 (hex) of the text shown, for the record: proof of what the visitor was told. */
export async function textHash(text: string): Promise<string> {
  // crypto.subtle exists only in secure contexts; plain-http portals get the small fallback.
  if (!globalThis.crypto?.subtle) return (await import('./sha256.ts')).sha256Hex(text);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
