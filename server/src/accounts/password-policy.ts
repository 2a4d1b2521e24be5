import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 8;
export const RECOMMENDED_PASSWORD_LENGTH = 15;
export const MAX_PASSWORD_LENGTH = 128;
/** zxcvbn's 0–4 scale; 3 = "safely unguessable: moderate protection from offline attacks". */
const MIN_SCORE = 3;

export type PasswordRefusal =
  | { code: 'PASSWORD_TOO_SHORT' | 'PASSWORD_TOO_LONG' | 'PASSWORD_COMMON' | 'PASSWORD_WEAK'; message: string; suggestions: string[] };

let checker: ZxcvbnFactory | undefined;

/**
 * Whether a new password is acceptable: 8 to 128 characters, not on the common-password list
 * and not guessable from patterns (keyboard walks, dates, repeats, l33t, the person's own
 * email or the tenant's name), all checked locally with zxcvbn-ts, since a breached-password
 * service is not reachable from every deployment. No composition rules: length beats
 * "one digit, one symbol".
 */
export function checkNewPassword(password: string, context: { email?: string; tenantName?: string } = {}): PasswordRefusal | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return { code: 'PASSWORD_TOO_SHORT', message: `Use at least ${MIN_PASSWORD_LENGTH} characters (${RECOMMENDED_PASSWORD_LENGTH} or more is better).`, suggestions: [] };
  }
  if (length > MAX_PASSWORD_LENGTH) {
    return { code: 'PASSWORD_TOO_LONG', message: `Use at most ${MAX_PASSWORD_LENGTH} characters.`, suggestions: [] };
  }
  // Building the dictionaries takes a moment: once, on the first password checked.
  checker ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const userInputs = [context.email, context.email?.split('@')[0], context.tenantName].filter((input): input is string => Boolean(input));
  const result = checker.check(password, userInputs);
  const common = result.sequence.some((match) => match.pattern === 'dictionary' && match.dictionaryName === 'passwords-common' && match.token.length >= length - 2);
  if (common) {
    return { code: 'PASSWORD_COMMON', message: 'This password is on the list of the most common passwords. Choose another.', suggestions: result.feedback.suggestions };
  }
  if (result.score < MIN_SCORE) {
    return { code: 'PASSWORD_WEAK', message: 'This password is too easy to guess. A longer one, e.g. a few unrelated words, is better.', suggestions: result.feedback.suggestions };
  }
  return undefined;
}
