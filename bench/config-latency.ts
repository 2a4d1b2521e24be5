/**
 * The banner's configuration path on the server alone: the CORS preflight and `GET /v1/config`
 * as a browser sends them, one after the other, over loopback HTTP to the real app with its
 * default rate limits (counted per IP), median and p90 of 350 pairs after 50 warm-up pairs.
 * Run alone: node --conditions=source --import tsx -e "await (await import('./bench/config-latency.ts')).run()"
 */
import { randomBytes } from 'node:crypto';
import { createApp } from '../server/src/app.ts';
import { seedDemoTenant } from '../server/src/demo/demo-tenant.ts';
import { createLogger } from '../server/src/logger.ts';
import { listen } from '../server/src/runtime/listen.ts';
import { createTestDatabase } from '../server/src/testing/test-database.ts';

const WARM_UP = 50;
const MEASURED = 350;

export async function run(): Promise<{ preflight: { median: number; p90: number }; get: { median: number; p90: number } }> {
  const db = await createTestDatabase();
  const origin = 'http://127.0.0.1:8788';
  const keys = await seedDemoTenant(db.owner, randomBytes(32), origin);
  const server = await listen(createApp({ db, logger: createLogger('silent'), masterKey: randomBytes(32) }).fetch, { port: 0, host: '127.0.0.1' });
  const preflights: number[] = [];
  const gets: number[] = [];
  try {
    for (let index = 0; index < WARM_UP + MEASURED; index += 1) {
      let started = performance.now();
      const preflight = await fetch(`${server.url}/v1/config`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-porttask-key' } });
      await preflight.arrayBuffer();
      if (index >= WARM_UP) preflights.push(performance.now() - started);
      started = performance.now();
      const config = await fetch(`${server.url}/v1/config`, { headers: { Origin: origin, 'X-PortTask-Key': keys.publishableKey } });
      await config.arrayBuffer();
      if (config.status !== 200) throw new Error(`GET /v1/config answered ${config.status}`);
      if (index >= WARM_UP) gets.push(performance.now() - started);
    }
  } finally {
    await server.close(500);
    await db.drop();
  }
  const result = { preflight: spread(preflights), get: spread(gets) };
  console.log(`banner configuration path (server only, loopback): preflight median ${result.preflight.median.toFixed(2)} ms, p90 ${result.preflight.p90.toFixed(2)} ms; ` +
    `GET /v1/config median ${result.get.median.toFixed(2)} ms, p90 ${result.get.p90.toFixed(2)} ms (${MEASURED} each)`);
  return result;
}

function spread(samples: number[]): { median: number; p90: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, p90: sorted[Math.floor(sorted.length * 0.9)]! };
}
