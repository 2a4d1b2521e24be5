import type { ConsentSource } from '@porttask/sdk';

/** What `getConsent()` returns and `porttask-consent-change` carries. */
export interface ConsentState {
  /** False until the visitor decided (under the current policy, within the expiry). */
  decided: boolean;
  /** Granted (true) or refused (false), per purpose key. */
  choices: Record<string, boolean>;
  policyVersion: string | null;
  decidedAt: string | null;
  expiresAt: string | null;
  source: ConsentSource | null;
  gpc: boolean;
  subjectId: string | null;
  /** The server's receipt id, once the decision has reached it. */
  receiptId: string | null;
}

export interface ConsentChangeDetail {
  consent: ConsentState;
  /** loaded: the state known at start; decision: the visitor decided; recorded: the server has it. */
  reason: 'loaded' | 'decision' | 'recorded';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'porttask-consent-change': CustomEvent<ConsentChangeDetail>;
  }
}
