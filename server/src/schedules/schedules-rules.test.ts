import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { advanceStatus, deriveTimes, impossibleActualOrder, type TimestampFacts } from './best-known-times.ts';
import { parseCsv } from './csv.ts';
import { lineupTime } from './lineup-rows.ts';
import { instantFromZonedTime, zoneOffsetMinutes } from './zoned-time.ts';

const at = (iso: string) => Date.parse(iso);
const stamp = (eventTypeCode: TimestampFacts['eventTypeCode'], classifierCode: TimestampFacts['classifierCode'], facilityTypeCode: TimestampFacts['facilityTypeCode'], iso: string): TimestampFacts =>
  ({ eventTypeCode, classifierCode, facilityTypeCode, instant: at(iso) });

describe('time zones and DST', () => {
  it('knows the offset of a port on both sides of a DST change', () => {
    assert.equal(zoneOffsetMinutes('Europe/Amsterdam', at('2026-07-01T12:00:00Z')), 120);
    assert.equal(zoneOffsetMinutes('Europe/Amsterdam', at('2026-12-01T12:00:00Z')), 60);
    assert.equal(zoneOffsetMinutes('Asia/Kolkata', at('2026-07-01T12:00:00Z')), 330);
    assert.equal(zoneOffsetMinutes('America/New_York', at('2026-01-15T12:00:00Z')), -300);
  });

  it('turns local line-up times into instants, across DST changes', () => {
    const summer = instantFromZonedTime({ year: 2026, month: 3, day: 29, hour: 4, minute: 0 }, 'Europe/Amsterdam');
    assert.equal(new Date(summer.epochMs).toISOString(), '2026-03-29T02:00:00.000Z');
    const winter = instantFromZonedTime({ year: 2026, month: 3, day: 29, hour: 1, minute: 0 }, 'Europe/Amsterdam');
    assert.equal(new Date(winter.epochMs).toISOString(), '2026-03-29T00:00:00.000Z');
    // 02:30 does not exist that night (clocks jump 02:00 → 03:00): it moves forward by the gap.
    const gap = instantFromZonedTime({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Amsterdam');
    assert.equal(new Date(gap.epochMs).toISOString(), '2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 October: the first (summer time) is taken.
    const repeated = instantFromZonedTime({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Amsterdam');
    assert.equal(new Date(repeated.epochMs).toISOString(), '2026-10-25T00:30:00.000Z');
    assert.equal(repeated.offsetMinutes, 120);
  });

  it('reads the time formats line-ups use', () => {
    assert.equal(lineupTime('25-11-2026 14:30', 'Asia/Kolkata'), '2026-11-25T14:30:00+05:30');
    assert.equal(lineupTime('25/11/2026 1430 hrs', 'Asia/Kolkata'), '2026-11-25T14:30:00+05:30');
    assert.equal(lineupTime('2026-07-01 08:00', 'Europe/Amsterdam'), '2026-07-01T08:00:00+02:00');
    assert.equal(lineupTime('2026-11-25T09:00:00Z', 'Asia/Kolkata'), '2026-11-25T09:00:00Z');
    // Day and month as the sender writes them: 3 April (default), or March 4 for a US line-up.
    assert.equal(lineupTime('03/04/2026 14:30', 'America/Los_Angeles'), '2026-04-03T14:30:00-07:00');
    assert.equal(lineupTime('03/04/2026 14:30', 'America/Los_Angeles', 'mdy'), '2026-03-04T14:30:00-08:00');
    assert.equal(lineupTime('11/25/2026 0230 hrs', 'America/Los_Angeles', 'mdy'), '2026-11-25T02:30:00-08:00');
    assert.equal(lineupTime('11/25/2026 02:30', 'America/Los_Angeles'), undefined, 'month 25 does not exist');
    assert.equal(lineupTime('2026-11-25 14:30', 'America/Los_Angeles', 'mdy'), '2026-11-25T14:30:00-08:00', 'year first is never ambiguous');
    for (const bad of ['31-11-2026 10:00', '25-13-2026 10:00', 'tomorrow', '25-11-2026', '2026-11-25 25:00']) {
      assert.equal(lineupTime(bad, 'Asia/Kolkata'), undefined, bad);
    }
  });
});

describe('best known times', () => {
  it('prefers actual over estimated over planned, and measures delay against plan', () => {
    const derived = deriveTimes([
      stamp('ARRI', 'PLN', 'PBPL', '2026-11-26T06:00:00Z'),
      stamp('ARRI', 'EST', 'PBPL', '2026-11-26T07:00:00Z'),
      stamp('ARRI', 'REQ', 'BRTH', '2026-11-26T08:00:00Z'),
      stamp('ARRI', 'EST', 'PBPL', '2026-11-26T07:30:00Z'),
      stamp('ARRI', 'ACT', 'PBPL', '2026-11-26T07:45:00Z'),
      stamp('DEPA', 'PLN', 'BRTH', '2026-11-27T06:00:00Z'),
    ]);
    assert.deepEqual(derived.arrival, { instant: at('2026-11-26T07:45:00Z'), classifierCode: 'ACT' });
    assert.equal(derived.berthing, null, 'a requested time is not a known time');
    assert.deepEqual(derived.departure, { instant: at('2026-11-27T06:00:00Z'), classifierCode: 'PLN' });
    assert.equal(derived.delayMinutes, 105);
    assert.equal(advanceStatus('PLANNED', derived), 'ARRIVED');
    assert.equal(advanceStatus('BERTHED', derived), 'BERTHED', 'never backwards');
    assert.equal(advanceStatus('CANCELLED', derived), 'CANCELLED');
  });

  it('names actual times in an impossible order', () => {
    const derived = deriveTimes([stamp('ARRI', 'ACT', 'PBPL', '2026-11-26T10:00:00Z'), stamp('DEPA', 'ACT', 'BRTH', '2026-11-26T09:00:00Z')]);
    assert.equal(impossibleActualOrder(derived).length, 1);
    assert.match(impossibleActualOrder(derived)[0]!, /actual departure .* before the actual arrival/);
    assert.deepEqual(impossibleActualOrder(deriveTimes([stamp('ARRI', 'EST', 'PBPL', '2026-11-26T10:00:00Z'), stamp('DEPA', 'ACT', 'BRTH', '2026-11-26T09:00:00Z')])), []);
  });

  it('keeps cargo operations between berthing and departure, and completion after start', () => {
    const berthed = stamp('ARRI', 'ACT', 'BRTH', '2026-11-26T10:00:00Z');
    const departed = stamp('DEPA', 'ACT', 'BRTH', '2026-11-27T10:00:00Z');
    const problems = (...stamps: TimestampFacts[]) => impossibleActualOrder(deriveTimes(stamps));
    assert.deepEqual(problems(berthed, stamp('STRT', 'ACT', 'BRTH', '2026-11-26T11:00:00Z'), stamp('CMPL', 'ACT', 'BRTH', '2026-11-27T08:00:00Z'), departed), []);
    assert.match(problems(berthed, stamp('STRT', 'ACT', 'BRTH', '2026-11-26T09:00:00Z')).join(), /actual cargo operations start .* before the actual berthing/);
    assert.match(problems(stamp('STRT', 'ACT', 'BRTH', '2026-11-26T12:00:00Z'), stamp('CMPL', 'ACT', 'BRTH', '2026-11-26T11:00:00Z')).join(), /completion .* before the actual cargo operations start/);
    assert.match(problems(stamp('CMPL', 'ACT', 'BRTH', '2026-11-27T12:00:00Z'), departed).join(), /actual departure .* before the actual cargo operations completion/);
    // Estimates are plans, not facts: an estimated start before berthing is no contradiction.
    assert.deepEqual(problems(berthed, stamp('STRT', 'EST', 'BRTH', '2026-11-26T09:00:00Z')), []);
  });
});

describe('CSV', () => {
  it('reads quotes, commas and line breaks in fields, CRLF, BOM and ; separators', () => {
    const records = parseCsv('\ufeffa,b\r\n"x, y","say ""hi""\nthere"\r\n\r\nlast,row');
    assert.deepEqual(records, [
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"\nthere'] },
      { line: 5, fields: ['last', 'row'] },
    ]);
    assert.deepEqual(parseCsv('a;b\n1;2').map((record) => record.fields), [['a', 'b'], ['1', '2']]);
  });
});
