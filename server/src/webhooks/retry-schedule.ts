/**
 * When a failed delivery is tried again: exponential backoff from `firstDelaySeconds`,
 * doubling, each wait at most `maxDelaySeconds`, with ±10% jitter so that the deliveries a
 * receiver's outage held back do not all return at the same second. The last try is at
 * `giveUpAfterSeconds` after the first; after that the delivery has failed.
 */
export interface RetrySchedule {
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  giveUpAfterSeconds: number;
}

/** 30 s, 1 min, 2 min, … 8.5 h, then every 12 h, the last try 3 days after the event: 17 tries (without the jitter). */
export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = { firstDelaySeconds: 30, maxDelaySeconds: 12 * 3600, giveUpAfterSeconds: 3 * 24 * 3600 };

/** The time of the next try after `attemptsMade` failed ones, or null when it is time to give up. */
export function nextAttemptAt(schedule: RetrySchedule, createdAt: Date, attemptsMade: number, now: Date, random: () => number = Math.random): Date | null {
  const deadline = createdAt.getTime() + schedule.giveUpAfterSeconds * 1000;
  if (now.getTime() >= deadline) return null;
  const delay = Math.min(schedule.firstDelaySeconds * 2 ** Math.max(0, attemptsMade - 1), schedule.maxDelaySeconds);
  const jittered = delay * (0.9 + 0.2 * random());
  return new Date(Math.min(now.getTime() + jittered * 1000, deadline));
}
