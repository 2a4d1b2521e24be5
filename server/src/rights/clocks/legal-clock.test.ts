import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Jurisdiction } from '@porttask/sdk/schemas';
import { addBusinessDays, addMonths, clockFlag, extendClock, startClock, strictestClock, type ClockSettings, type LegalClock } from './index.ts';

const utc: ClockSettings = { timeZone: 'UTC', holidayRegion: { country: 'US' } };
const noon = (day: string) => new Date(`${day}T12:00:00Z`);

describe('GDPR and UK GDPR: one month from receipt', () => {
  const cases: Array<[received: string, due: string, why: string]> = [
    ['2026-01-15', '2026-02-15', 'the same day next month'],
    ['2026-01-31', '2026-02-28', 'a month-end receipt ends on the last day of the shorter month'],
    ['2028-01-31', '2028-02-29', 'leap year: 29 February exists'],
    ['2028-01-29', '2028-02-29', 'leap year: the 29th has its own day'],
    ['2026-01-29', '2026-02-28', 'common year: the 29th falls to the 28th'],
    ['2026-03-31', '2026-04-30', '31 → 30-day month'],
    ['2026-02-28', '2026-03-28', 'from the short month, the same day (not the month end)'],
    ['2026-12-31', '2027-01-31', 'across the year end'],
  ];
  for (const [received, due, why] of cases) {
    for (const jurisdiction of ['gdpr', 'uk_gdpr'] as const) {
      test(`${jurisdiction} ${received} → ${due} (${why})`, () => {
        const clock = startClock(jurisdiction, noon(received), utc);
        assert.equal(clock.receivedOn, received);
        assert.equal(clock.dueOn, due);
        assert.equal(clock.confirmReceiptBy, undefined);
      });
    }
  }

  test('the receipt day is the day in the controller’s time zone', () => {
    // 23:30 UTC on 31 January is already 1 February in Copenhagen.
    const clock = startClock('gdpr', new Date('2026-01-31T23:30:00Z'), { ...utc, timeZone: 'Europe/Copenhagen' });
    assert.equal(clock.receivedOn, '2026-02-01');
    assert.equal(clock.dueOn, '2026-03-01');
  });
});

describe('other laws: calendar days from receipt', () => {
  const cases: Array<[Jurisdiction, received: string, due: string, dpdpDays?: number]> = [
    ['ccpa', '2026-01-10', '2026-02-24'],
    ['ccpa', '2028-02-01', '2028-03-17'], // leap February: 29 days count
    ['dpdp', '2026-03-01', '2026-03-31'], // the default published period: 30 days
    ['dpdp', '2026-03-01', '2026-05-30', 90],
    ['dpdp', '2026-03-01', '2026-03-15', 14],
    ['lgpd', '2026-02-20', '2026-03-07'],
    ['pdpa', '2026-02-20', '2026-03-22'],
  ];
  for (const [jurisdiction, received, due, dpdpDays] of cases) {
    test(`${jurisdiction}${dpdpDays ? ` (${dpdpDays} days published)` : ''} ${received} → ${due}`, () => {
      assert.equal(startClock(jurisdiction, noon(received), { ...utc, dpdpResponseDays: dpdpDays }).dueOn, due);
    });
  }

  test('a DPDP period over 90 days (or under 1) is refused', () => {
    assert.throws(() => startClock('dpdp', noon('2026-03-01'), { ...utc, dpdpResponseDays: 91 }), /1–90 days/);
    assert.throws(() => startClock('dpdp', noon('2026-03-01'), { ...utc, dpdpResponseDays: 0 }), /1–90 days/);
  });
});

describe('CCPA: receipt confirmed within 10 business days of the tenant’s country', () => {
  const cases: Array<[received: string, confirmBy: string, country: string, state: string | undefined, why: string]> = [
    ['2026-03-02', '2026-03-16', 'US', undefined, 'two plain weeks (weekends skipped)'],
    ['2026-11-20', '2026-12-07', 'US', undefined, 'Thanksgiving is a federal holiday; the day after is not'],
    ['2026-11-20', '2026-12-08', 'US', 'CA', 'in California the day after Thanksgiving is a holiday too'],
    ['2026-12-18', '2027-01-05', 'US', undefined, 'Christmas and New Year across the year end; Christmas Eve is a working day'],
    ['2026-02-27', '2026-03-13', 'DK', undefined, 'no Danish holiday inside these two weeks…'],
    ['2026-03-31', '2026-04-17', 'DK', undefined, '…but Easter takes three weekdays (Maundy Thursday, Good Friday, Easter Monday)'],
  ];
  for (const [received, confirmBy, country, state, why] of cases) {
    test(`${received} ${country}${state ? `-${state}` : ''} → ${confirmBy}: ${why}`, () => {
      const clock = startClock('ccpa', noon(received), { timeZone: 'UTC', holidayRegion: { country, ...(state ? { state } : {}) } });
      assert.equal(clock.confirmReceiptBy, confirmBy);
    });
  }

  test('a receipt on a Saturday counts from the Monday', () => {
    assert.equal(addBusinessDays('2026-03-07', 1, { country: 'US' }), '2026-03-09');
  });
});

describe('extension: once, with reasons, no later than the first due date', () => {
  const gdpr = (received: string): LegalClock => startClock('gdpr', noon(received), utc);

  const allowed: Array<[Jurisdiction, received: string, extendedOn: string, newDue: string]> = [
    ['gdpr', '2026-01-15', '2026-02-01', '2026-04-15'],
    ['gdpr', '2026-01-31', '2026-02-28', '2026-04-30'], // decided on the due date itself: still in time
    ['uk_gdpr', '2025-11-30', '2025-12-20', '2026-02-28'], // three months from receipt, month end clamped
    ['ccpa', '2026-01-10', '2026-02-24', '2026-04-10'], // 45 + 45 days
  ];
  for (const [jurisdiction, received, extendedOn, newDue] of allowed) {
    test(`${jurisdiction} received ${received}, extended ${extendedOn} → due ${newDue}`, () => {
      const result = extendClock(startClock(jurisdiction, noon(received), utc), extendedOn, '  Many requests this month  ');
      assert.ok(result.ok);
      assert.equal(result.clock.dueOn, newDue);
      assert.equal(result.clock.originalDueOn, startClock(jurisdiction, noon(received), utc).dueOn);
      assert.deepEqual(result.clock.extension, { extendedOn, reason: 'Many requests this month' });
    });
  }

  const refused: Array<[name: string, clock: () => LegalClock, extendedOn: string, reason: string, code: string]> = [
    ['after the due date', () => gdpr('2026-01-31'), '2026-03-01', 'late', 'PAST_DUE'],
    ['a second time', () => {
      const once = extendClock(gdpr('2026-01-15'), '2026-01-20', 'complex');
      assert.ok(once.ok);
      return once.clock;
    }, '2026-01-21', 'again', 'ALREADY_EXTENDED'],
    ['without reasons', () => gdpr('2026-01-15'), '2026-01-20', '   ', 'REASON_REQUIRED'],
    ['under LGPD', () => startClock('lgpd', noon('2026-01-15'), utc), '2026-01-16', 'complex', 'EXTENSION_NOT_ALLOWED'],
    ['under DPDP', () => startClock('dpdp', noon('2026-01-15'), utc), '2026-01-16', 'complex', 'EXTENSION_NOT_ALLOWED'],
    ['under PDPA', () => startClock('pdpa', noon('2026-01-15'), utc), '2026-01-16', 'complex', 'EXTENSION_NOT_ALLOWED'],
    ['CCPA after its 45 days', () => startClock('ccpa', noon('2026-01-10'), utc), '2026-02-25', 'late', 'PAST_DUE'],
  ];
  for (const [name, clock, extendedOn, reason, code] of refused) {
    test(`refused ${name}: ${code}`, () => {
      const result = extendClock(clock(), extendedOn, reason);
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.code, code);
    });
  }
});

describe('due-soon and overdue flags', () => {
  const cases: Array<[today: string, flag: ReturnType<typeof clockFlag>]> = [
    ['2026-03-01', null],
    ['2026-03-02', null],
    ['2026-03-03', 'due_within_7_days'],
    ['2026-03-07', 'due_within_7_days'],
    ['2026-03-08', 'due_within_2_days'],
    ['2026-03-10', 'due_within_2_days'],
    ['2026-03-11', 'overdue'],
  ];
  for (const [today, flag] of cases) {
    test(`due 2026-03-10, today ${today} → ${flag}`, () => {
      assert.equal(clockFlag({ dueOn: '2026-03-10' }, today), flag);
    });
  }
});

describe('several jurisdictions: the earliest deadline governs', () => {
  const cases: Array<[Jurisdiction[], received: string, governing: Jurisdiction, due: string]> = [
    [['gdpr', 'lgpd'], '2026-01-15', 'lgpd', '2026-01-30'],
    [['ccpa', 'gdpr'], '2026-01-31', 'gdpr', '2026-02-28'],
    [['ccpa', 'pdpa'], '2026-01-31', 'pdpa', '2026-03-02'],
    [['dpdp'], '2026-01-31', 'dpdp', '2026-03-02'],
  ];
  for (const [jurisdictions, received, governing, due] of cases) {
    test(`${jurisdictions.join('+')} received ${received} → ${governing} ${due}`, () => {
      const clock = strictestClock(jurisdictions, noon(received), utc);
      assert.equal(clock.jurisdiction, governing);
      assert.equal(clock.dueOn, due);
    });
  }
});

test('month arithmetic refuses days that do not exist', () => {
  assert.throws(() => addMonths('2026-02-30', 1), /no such day/);
  assert.throws(() => addMonths('2026-1-5', 1), /YYYY-MM-DD/);
});
