/**
 * `npm run bench`: measures the budgets listed in docs/benchmarks.md ("Budgets") and prints the numbers. Each area adds
 * a module exporting `run(): Promise<void>` and is listed below. Results are recorded, with
 * this command, in docs/benchmarks.md.
 */
import { run as sizes } from './sizes.ts';
import { run as consent } from './consent.ts';
import { run as schedules } from './schedules.ts';
import { run as loginAudit } from './login-audit.ts';
import { run as bannerRace } from './banner-race.ts';
import { run as lighthouse } from './lighthouse.ts';
import { run as rightsRequests } from './rights-requests.ts';
import { run as signIn } from './sign-in.ts';

const benches: [string, () => Promise<unknown>][] = [
  ['bundle sizes', sizes],
  ['consent', consent],
  ['schedules', schedules],
  ['login audit', loginAudit],
  ['banner race', bannerRace],
  ['lighthouse', lighthouse],
  ['rights requests', rightsRequests],
  ['sign-in', signIn],
];

for (const [name, bench] of benches) {
  console.log(`\n== ${name} ==`);
  await bench();
}
