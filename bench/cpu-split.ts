/**
 * Who used the machine's CPU during a measured load: the API process, PostgreSQL, this
 * (load-generating) process, anything else, and how much stayed idle. Read from Linux's
 * /proc, so a bench can say whether a rate is bound by CPU (and whose) or by waiting.
 * Elsewhere (no /proc) it reports nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on
type Share = 'api' | 'postgres' | 'bench' | 'other' | 'idle';
export type CpuSeconds = Record<Share, number>;

/**
 * Starts counting; the returned function stops and gives CPU seconds per share. With
 * `postmasterPid`, only that PostgreSQL cluster (the postmaster and its children) counts as
 * PostgreSQL, others' clusters on a shared machine as other.
 */
export function startCpuSplit(apiPid: number | undefined, postmasterPid?: number): () => CpuSeconds | undefined {
  const before = sample(apiPid, postmasterPid);
  return () => {
    const after = sample(apiPid, postmasterPid);
    if (!before || !after) return undefined;
    const seconds = (share: Share) => (after[share] - before[share]) / TICKS_PER_SECOND;
    return { api: seconds('api'), postgres: seconds('postgres'), bench: seconds('bench'), other: seconds('other'), idle: seconds('idle') };
  };
}

export function formatCpuSplit(split: CpuSeconds | undefined): string {
  if (!split) return 'CPU split: not available (no /proc)';
  const total = Object.values(split).reduce((sum, value) => sum + value, 0);
  return `CPU seconds during it: API ${split.api.toFixed(2)}, PostgreSQL ${split.postgres.toFixed(2)}, load generator ${split.bench.toFixed(2)}, ` +
    `other ${split.other.toFixed(2)}, idle ${split.idle.toFixed(2)} (of ${total.toFixed(2)})`;
}

function sample(apiPid: number | undefined, postmasterPid: number | undefined): CpuSeconds | undefined {
  let cpuLine: string;
  try {
    cpuLine = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  } catch {
    return undefined;
  }
  const machine = cpuLine.trim().split(/\s+/).slice(1).map(Number);
  const ticks: CpuSeconds = { api: 0, postgres: 0, bench: 0, other: 0, idle: machine[3]! + machine[4]! };
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // the process ended meanwhile
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const used = Number(fields[11]) + Number(fields[12]); // utime + stime
    const pid = Number(entry);
    const ours = postmasterPid === undefined ? name.startsWith('postgres') : pid === postmasterPid || Number(fields[1]) === postmasterPid;
    const share: Share = pid === apiPid ? 'api' : pid === process.pid ? 'bench' : ours ? 'postgres' : 'other';
    ticks[share] += used;
  }
  return ticks;
}

/** The postmaster of the cluster a connection is on: the parent of its backend. */
export async function postmasterOf(sql: (strings: TemplateStringsArray) => PromiseLike<{ pid: number }[]>): Promise<number | undefined> {
  const [backend] = await sql`SELECT pg_backend_pid() AS pid`;
  try {
    const stat = readFileSync(`/proc/${backend!.pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined; // not on this machine, or no /proc
  }
}
