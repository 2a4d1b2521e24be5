/**
 * Feeds the demo schedule with updates through the Node SDK, so the live
 * <porttask-vessel-schedule> on the demo portal (http://localhost:8788) shows rows changing.
 *
 *   npm start                      # prints the demo secret key
 *   PORTTASK_SECRET_KEY=sk_test_… node --conditions=source --import tsx examples/node-sdk/feed-schedule.ts
 *
 * Every two seconds it picks a Rotterdam call that has not sailed yet and publishes a new
 * estimated arrival (sometimes late, with a delay reason), as an agent's system would.
 * Stop with Ctrl+C.
 */
import { createClient, type PortCallListItem } from '@porttask/sdk';

const secretKey = process.env.PORTTASK_SECRET_KEY;
if (!secretKey) {
  console.error('Set PORTTASK_SECRET_KEY to the demo secret key that `npm start` printed.');
  process.exit(2);
}
const client = createClient({ apiUrl: process.env.PORTTASK_API_URL ?? 'http://localhost:8787', secretKey });
const port = process.env.PORT_LOCODE ?? 'NLRTM';

const upcoming: PortCallListItem[] = [];
for await (const call of client.portCalls.list({ port, status: 'PLANNED', sort: 'arrival', limit: 500 })) upcoming.push(call);
if (upcoming.length === 0) {
  console.error(`No upcoming calls at ${port}. Is the demo seeded (npm start)?`);
  process.exit(1);
}
console.log(`Feeding ${upcoming.length} upcoming calls at ${port}; watch the demo portal.`);

const reasons = ['WEA', 'BER', 'CON', 'TID', 'PIL'];
for (;;) {
  const call = upcoming[Math.floor(Math.random() * upcoming.length)]!;
  const current = call.arrival ? Date.parse(call.arrival.dateTime) : Date.now() + 6 * 3_600_000;
  const shiftMinutes = Math.round((Math.random() * 120 - 30) / 5) * 5;
  const estimate = new Date(current + shiftMinutes * 60_000).toISOString().replace('.000Z', 'Z');
  const updated = await client.portCalls.addTimestamp(call.id, {
    eventTypeCode: 'ARRI',
    classifierCode: 'EST',
    facilityTypeCode: 'PBPL',
    dateTime: estimate,
    source: 'node-sdk example',
    publisherRole: 'AG',
    ...(shiftMinutes > 30 ? { delayReasonCode: reasons[Math.floor(Math.random() * reasons.length)]! } : {}),
  });
  console.log(`${updated.vesselName.padEnd(28)} ETA ${estimate} (v${updated.version}, delay ${updated.delayMinutes ?? 0} min)`);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
}
