import type { ConsentRecord, NewConsentRecord } from '@porttask/sdk';
import { queueDecision, readPending, writePending, type PendingDecision } from './storage.ts';

/*
 * Sends decisions to the API until it has them: plain fetch, not the SDK. A chunk of its own:
 * the banner loads it only once there is something to send (a decision, or one left queued). This needs a retry
 * queue that outlives the page and `keepalive`, which the SDK's request/answer transport does
 * not do, and the SDK lives in the `core` chunk, which the banner does not load (its first
 * load must stay within 13 KB gzip with Lit and the loader; docs/benchmarks.md).
 *
 * Each decision is written to localStorage with its Idempotency-Key before the first attempt,
 * and removed only once the server answered it. Retries (backoff, `online`, the next page load,
 * another tab) reuse the key, so the server records it once however often it is sent.
 * `keepalive` lets a request outlive the page, so a decision made just before leaving arrives.
 */
// 401/403/404 wait too: a revoked key, an origin not yet allowed or a wrong API address is a
// partner's setup to fix, and the visitor's decision must still arrive once it is.
const RETRYABLE = new Set([401, 403, 404, 408, 409, 425, 429, 500, 502, 503, 504]);
const MAX_DELAY_MS = 60_000;

export class ConsentSync {
  #sending = false;
  #queueChanged = false;
  #stopped = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #delay = 1_000;

  constructor(
    readonly apiUrl: string,
    readonly publishableKey: string,
    readonly tenantId: string,
    readonly onReceipt: (key: string, record: ConsentRecord) => void,
  ) {}

  /** Keeps the decision on the device, then sends it. */
  enqueue(key: string, body: NewConsentRecord): void {
    queueDecision(this.tenantId, key, body);
    this.sendNow();
  }

  /** A new decision is queued: send at once, with the backoff started afresh. */
  sendNow(): void {
    this.#delay = 1_000;
    void this.flush();
  }

  /**
   * Sends every pending decision, oldest first; stops at the first one that must wait. A call
   * while sending is not lost: the running pass reads the queue again before it ends.
   */
  async flush(): Promise<void> {
    if (this.#stopped) return;
    if (this.#sending) {
      this.#queueChanged = true;
      return;
    }
    this.#sending = true;
    clearTimeout(this.#timer);
    try {
      do {
        this.#queueChanged = false;
        for (const item of readPending(this.tenantId)) {
          // Stopped meanwhile (the element left the page): the queue is the next sender's.
          if (this.#stopped) return;
          if (!(await this.#send(item))) {
            // Stopped while that request was out (the element left the page): no retry from here.
            if (!this.#stopped) this.#timer = setTimeout(() => void this.flush(), this.#delay);
            this.#delay = Math.min(this.#delay * 2, MAX_DELAY_MS);
            return;
          }
        }
      } while (this.#queueChanged);
    } finally {
      this.#sending = false;
    }
  }

  /** Page is going away: hand every pending decision to the browser to finish sending. */
  sendBeforeUnload(): void {
    for (const item of readPending(this.tenantId)) void this.#send(item);
  }

  /** The element left the page: this sender retries no more (the queue stays for the next one). */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  /** True when the server has the decision (or can never take it); false to retry later. */
  async #send(item: PendingDecision): Promise<boolean> {
    let response: Response;
    try {
      response = await fetch(`${this.apiUrl}/v1/consents`, {
        method: 'POST',
        keepalive: true,
        credentials: 'omit',
        headers: { 'Content-Type': 'application/json', 'X-PortTask-Key': this.publishableKey, 'Idempotency-Key': item.key },
        body: JSON.stringify(item.body),
      });
    } catch {
      return false; // offline, API down, or refused by CORS
    }
    if (RETRYABLE.has(response.status)) return false;
    // Read the answer before leaving the queue, so dropping the decision and acting on the
    // answer happen together (a reader of the queue never sees one without the other).
    const answer = response.ok ? ((await response.json()) as ConsentRecord) : await response.text().catch(() => '');
    const removed = typeof answer === 'string' ? removedPurposes(answer).filter((key) => key in item.body.choices) : [];
    if (removed.length > 0) {
      // Decided (offline, say) under a configuration that had purposes the tenant removed since:
      // the rest of the decision still stands. Send it without them, under the same key.
      const choices = Object.fromEntries(Object.entries(item.body.choices).filter(([key]) => !removed.includes(key)));
      const rest = { ...item, body: { ...item.body, choices } };
      writePending(this.tenantId, readPending(this.tenantId).map((pending) => (pending.key === item.key ? rest : pending)));
      return this.#send(rest);
    }
    writePending(this.tenantId, readPending(this.tenantId).filter((pending) => pending.key !== item.key));
    if (typeof answer !== 'string') {
      this.onReceipt(item.key, answer);
    } else {
      // A 4xx will never succeed (e.g. a policy version the tenant removed): keep the page
      // working, say why once, and keep the decision on the device.
      console.warn(`PortTask: a consent decision was refused by the API (${response.status}).`, answer);
    }
    return true;
  }
}

/** The purposes an `UNKNOWN_PURPOSE` refusal names (`issues[].path` = body.choices.<key>). */
function removedPurposes(answer: string): string[] {
  try {
    const { error } = JSON.parse(answer) as { error?: { code?: string; issues?: { path: unknown[] }[] } };
    return error?.code === 'UNKNOWN_PURPOSE' ? (error.issues ?? []).map((issue) => String(issue.path[2])) : [];
  } catch {
    return [];
  }
}
