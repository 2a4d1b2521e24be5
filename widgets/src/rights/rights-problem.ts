import { describeError, type DescribedError } from '../core/describe-error.ts';
import type { LocalizeController } from '../core/localize.ts';
import type coreEnglish from '../core/locales/en.ts';
import type { RightsMessages } from './locales/index.ts';

/** What went wrong with a rights call, in the terms the visitor is told. */
export type RightsProblem =
  | { kind: 'rate-limited'; retryAfterSeconds: number | undefined }
  | { kind: 'code-incorrect' }
  | { kind: 'locked' }
  | { kind: 'code-expired' }
  | { kind: 'not-found' }
  | { kind: 'closed' }
  | { kind: 'not-offered' }
  | { kind: 'failed'; error: DescribedError };

const PROBLEM_BY_CODE: Record<string, RightsProblem['kind']> = {
  VERIFICATION_CODE_INCORRECT: 'code-incorrect',
  REQUEST_LOCKED: 'locked',
  VERIFICATION_CODE_EXPIRED: 'code-expired',
  REQUEST_CLOSED: 'closed',
  REQUEST_ALREADY_VERIFIED: 'closed',
  REQUEST_TYPE_NOT_OFFERED: 'not-offered',
};

/** Sorts an SDK error (or anything thrown) into a problem the widgets have words for. */
export function rightsProblemOf(error: unknown): RightsProblem {
  const described = describeError(error);
  if (described.status === 429) {
    const seconds = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    return { kind: 'rate-limited', retryAfterSeconds: typeof seconds === 'number' ? seconds : undefined };
  }
  if (described.status === 404) return { kind: 'not-found' };
  const kind = PROBLEM_BY_CODE[described.code];
  if (kind && kind !== 'rate-limited' && kind !== 'failed') return { kind } as RightsProblem;
  return { kind: 'failed', error: described };
}

/**
 * The sentence for a problem. Failures the rights widgets share with every element (offline,
 * a rejected key, a server error) use the core's words; `codeTriesLeft` fills in the
 * incorrect-code message.
 */
export function problemMessage(problem: RightsProblem, messages: LocalizeController<RightsMessages>, core: LocalizeController<typeof coreEnglish>, codeTriesLeft = 0): string {
  switch (problem.kind) {
    case 'rate-limited': {
      const seconds = problem.retryAfterSeconds ?? 0;
      if (seconds > 90 * 60) return messages.term('errorRateLimitedHours', { count: Math.ceil(seconds / 3600) });
      if (seconds > 60) return messages.term('errorRateLimited', { count: Math.ceil(seconds / 60) });
      return messages.term('errorRateLimitedSoon');
    }
    case 'code-incorrect':
      return messages.term('errorCodeIncorrect', { count: codeTriesLeft });
    case 'locked':
      return messages.term('errorLocked');
    case 'code-expired':
      return messages.term('errorCodeExpired');
    case 'not-found':
      return messages.term('notFound');
    case 'closed':
      return messages.term('errorClosed');
    case 'not-offered':
      return messages.term('errorNotOffered');
    case 'failed': {
      const { kind } = problem.error;
      const key = kind === 'network' ? 'errorNetwork' : kind === 'unauthorized' ? 'errorUnauthorized' : kind === 'origin-not-allowed' ? 'errorOriginNotAllowed' : 'errorServer';
      return core.term(key);
    }
  }
}
