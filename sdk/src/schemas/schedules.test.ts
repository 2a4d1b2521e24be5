import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PortCallListQuery, TimestampInput, UNLocationCode, VesselIMONumber, isValidImoNumber } from './index.ts';

describe('IMO numbers', () => {
  it('accepts real IMO numbers (check digit = last digit of the 7..2 weighted sum)', () => {
    for (const imo of ['9321483', '9811000', '9454436', '9703291', '9776171', '8814275']) assert.equal(isValidImoNumber(imo), true, imo);
  });

  it('refuses a wrong check digit, wrong lengths, letters and placeholders', () => {
    for (const imo of ['9321484', '9811001', '932148', '93214830', 'IMO9321483', '93214a3', '0000000', '1234567', '0321480', '']) {
      assert.equal(isValidImoNumber(imo), false, imo);
      assert.equal(VesselIMONumber.safeParse(imo).success, false, imo);
    }
  });
});

describe('UN/LOCODE', () => {
  it('takes two letters and three letters or digits 2–9', () => {
    for (const code of ['NLRTM', 'INMAA', 'DEHAM', 'US2NY', 'CNSH9']) assert.equal(UNLocationCode.safeParse(code).success, true, code);
    for (const code of ['nlrtm', 'NLRT', 'NLRTMX', 'NL-RT', 'NLRT1', 'NLRT0', '12RTM']) assert.equal(UNLocationCode.safeParse(code).success, false, code);
  });
});

describe('timestamps and filters', () => {
  it('need a UTC offset on every time', () => {
    const base = { eventTypeCode: 'ARRI', classifierCode: 'EST', facilityTypeCode: 'PBPL' };
    assert.equal(TimestampInput.safeParse({ ...base, dateTime: '2026-11-25T14:30:00+05:30' }).success, true);
    assert.equal(TimestampInput.safeParse({ ...base, dateTime: '2026-11-25T09:00:00Z' }).success, true);
    assert.equal(TimestampInput.safeParse({ ...base, dateTime: '2026-11-25T14:30:00' }).success, false);
    assert.equal(TimestampInput.safeParse({ ...base, classifierCode: 'GUESS', dateTime: '2026-11-25T09:00:00Z' }).success, false);
  });

  it('read a comma-separated status list', () => {
    assert.deepEqual(PortCallListQuery.parse({ status: 'PLANNED, BERTHED' }).status, ['PLANNED', 'BERTHED']);
    assert.equal(PortCallListQuery.safeParse({ status: 'PLANNED,SUNK' }).success, false);
  });
});
