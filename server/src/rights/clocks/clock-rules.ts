import type { Jurisdiction } from '@porttask/sdk/schemas';

/** A legal period counted from the day of receipt. */
export type Period = { days: number } | { months: number };

export interface ClockRule {
  /** Where the rule comes from, shown to staff next to the due date. */
  source: string;
  answerWithin: Period;
  /** The whole period from receipt once extended (one extension at most, always with reasons). */
  extendedAnswerWithin?: Period;
  /** A confirmation of receipt the law asks for, in business days of the controller's country. */
  confirmReceiptWithinBusinessDays?: number;
}

/** DPDP leaves the period to the controller's published policy, within a ceiling. */
export const DPDP_DEFAULT_RESPONSE_DAYS = 30;
export const DPDP_MAX_RESPONSE_DAYS = 90;

/**
 * One row per law. Days are calendar days; "one month" is the same day next month (the last
 * day of a shorter month). A deadline is not moved off a weekend or holiday: answering on the
 * earlier working day is always lawful, and the later one is not everywhere.
 */
export function clockRule(jurisdiction: Jurisdiction, dpdpResponseDays = DPDP_DEFAULT_RESPONSE_DAYS): ClockRule {
  switch (jurisdiction) {
    case 'gdpr':
      return { source: 'GDPR Art. 12(3)', answerWithin: { months: 1 }, extendedAnswerWithin: { months: 3 } };
    case 'uk_gdpr':
      return { source: 'UK GDPR Art. 12(3)', answerWithin: { months: 1 }, extendedAnswerWithin: { months: 3 } };
    case 'ccpa':
      return { source: 'CCPA Regulations §7021, §7022', answerWithin: { days: 45 }, extendedAnswerWithin: { days: 90 }, confirmReceiptWithinBusinessDays: 10 };
    case 'dpdp':
      return { source: 'DPDP Act s. 13 and Rules (published period)', answerWithin: { days: dpdpResponseDays } };
    case 'lgpd':
      return { source: 'LGPD Art. 19(II)', answerWithin: { days: 15 } };
    case 'pdpa':
      return { source: 'PDPA (Singapore) Regulations reg. 5', answerWithin: { days: 30 } };
  }
}
