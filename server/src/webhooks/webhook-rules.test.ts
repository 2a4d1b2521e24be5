import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { refusalOfEndpointUrl } from './endpoint-url.ts';
import { DEFAULT_RETRY_SCHEDULE, nextAttemptAt } from './retry-schedule.ts';

describe('endpoint URLs per environment', () => {
  const cases: Array<[string, 'test' | 'live', boolean]> = [
    ['https://hooks.partner.example/porttask', 'live', true],
    ['https://93.184.216.34/hooks', 'live', true],
    ['http://hooks.partner.example/porttask', 'live', false],
    ['https://localhost/hooks', 'live', false],
    ['https://a.b.localhost/hooks', 'live', false],
    ['https://127.0.0.1/hooks', 'live', false],
    ['https://10.0.0.8/hooks', 'live', false],
    ['https://172.16.5.4/hooks', 'live', false],
    ['https://192.168.1.1/hooks', 'live', false],
    ['https://100.64.0.1/hooks', 'live', false],
    ['https://169.254.169.254/latest/meta-data', 'live', false],
    ['https://[::1]/hooks', 'live', false],
    ['https://[fd00::1]/hooks', 'live', false],
    ['https://[::ffff:10.0.0.1]/hooks', 'live', false],
    ['https://0.0.0.0/hooks', 'live', false],
    ['https://user:secret@hooks.partner.example/', 'live', false],
    ['https://hooks.partner.example/#frag', 'live', false],
    ['http://localhost:4000/hooks', 'test', true],
    ['http://127.0.0.1:4000/hooks', 'test', true],
    ['http://[::1]:4000/hooks', 'test', true],
    ['https://hooks.partner.example/porttask', 'test', true],
    ['https://10.0.0.8/hooks', 'test', true],
    ['http://hooks.partner.example/porttask', 'test', false],
    ['http://10.0.0.8/hooks', 'test', false],
    ['https://169.254.169.254/', 'test', false],
  ];
  for (const [url, environment, allowed] of cases) {
    it(`${environment} ${url}: ${allowed ? 'allowed' : 'refused'}`, () => {
      const refusal = refusalOfEndpointUrl(url, environment);
      assert.equal(refusal === undefined, allowed, refusal);
    });
  }
});

describe('the retry schedule', () => {
  const created = new Date('2026-12-01T00:00:00Z');
  const noJitter = () => 0.5;

  it('doubles from 30 s, caps each wait at 12 h, and tries last at 3 days: 17 tries', () => {
    const waits: number[] = [];
    let now = created;
    let tries = 1;
    for (;;) {
      const next = nextAttemptAt(DEFAULT_RETRY_SCHEDULE, created, tries, now, noJitter);
      if (!next) break;
      waits.push((next.getTime() - now.getTime()) / 1000);
      now = next;
      tries += 1;
    }
    assert.deepEqual(waits.slice(0, 5), [30, 60, 120, 240, 480]);
    assert.ok(waits.every((wait) => wait <= 12 * 3600));
    assert.equal(now.getTime(), created.getTime() + 3 * 24 * 3600 * 1000, 'the last try is at the end of the window');
    assert.equal(tries, 17);
  });

  it('jitters each wait by at most ±10%', () => {
    assert.equal(nextAttemptAt(DEFAULT_RETRY_SCHEDULE, created, 1, created, () => 0)!.getTime() - created.getTime(), 27_000);
    assert.ok(Math.abs(nextAttemptAt(DEFAULT_RETRY_SCHEDULE, created, 1, created, () => 0.999999)!.getTime() - created.getTime() - 33_000) <= 1);
  });

  it('gives up once the window is over', () => {
    assert.equal(nextAttemptAt(DEFAULT_RETRY_SCHEDULE, created, 5, new Date(created.getTime() + 3 * 24 * 3600 * 1000)), null);
  });
});
