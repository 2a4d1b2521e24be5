import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot } from '../runtime/project-root.ts';
import { runCli } from '../testing/cli-process.ts';

/*
 * The CLI finds the server's database the way the server does, whatever folder the shell is
 * in, says which one it used, and never makes a second one silently. Real CLI processes, run
 * from a folder outside the project.
 */
let folder: string;
let elsewhere: string;
before(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'porttask-resolve-'));
  await chmod(folder, 0o777); // as root, the embedded PostgreSQL runs as the `postgres` user
  elsewhere = await mkdtemp(path.join(os.tmpdir(), 'porttask-shell-'));
});
after(async () => {
  await rm(folder, { recursive: true, force: true });
  await rm(elsewhere, { recursive: true, force: true });
});

describe('which database the CLI uses', () => {
  it('refuses to create a second, empty cluster: no database there is an error that says what to do', async () => {
    const empty = path.join(folder, 'empty');
    // A relative PORTTASK_DATA_DIR means the project root's folder, wherever the shell is.
    const fromEnvironment = await runCli(['tenants', 'create', '--name', 'Lost Agency', '--region', 'eu', '--origin', 'https://lost.example'],
      { DATABASE_URL: '', PORTTASK_DATA_DIR: path.relative(projectRoot(), empty) }, { cwd: elsewhere });
    assert.equal(fromEnvironment.code, 3, fromEnvironment.stderr);
    assert.match(fromEnvironment.stderr, new RegExp(`No database in ${empty}/postgres\\.`));
    const fromFlag = await runCli(['--data-dir', empty, 'tenants', 'list'], { DATABASE_URL: '' }, { cwd: elsewhere });
    assert.equal(fromFlag.code, 3, fromFlag.stderr);
    assert.match(fromFlag.stderr, new RegExp(`No database in ${empty}/postgres\\. Start the server first \\(npm start, or porttask serve\\), or create it with \`porttask migrate\``));
    assert.ok(!existsSync(path.join(empty, 'postgres', 'PG_VERSION')), 'no cluster was created');
    assert.ok(!existsSync(path.join(empty, 'master.key')), 'nothing written there at all');
  });

  it('migrate creates it; from another folder, a relative PORTTASK_DATA_DIR resolves from the project root and --data-dir from the shell\'s folder', async () => {
    const dataDirectory = path.join(folder, 'data');
    const migrated = await runCli(['migrate', '--data-dir', dataDirectory], { DATABASE_URL: '' }, { cwd: elsewhere });
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.match(migrated.stderr, new RegExp(`database: embedded PostgreSQL in ${dataDirectory}/postgres \\(started by this process\\)`));

    const relativeToRoot = path.relative(projectRoot(), dataDirectory);
    const created = await runCli(['tenants', 'create', '--name', 'Found Agency', '--region', 'eu', '--origin', 'https://found.example', '--json'],
      { DATABASE_URL: '', PORTTASK_DATA_DIR: relativeToRoot }, { cwd: elsewhere });
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stderr, new RegExp(`database: embedded PostgreSQL in ${dataDirectory}/postgres`));
    const tenantId = JSON.parse(created.stdout).tenantId;

    const relativeToShell = path.relative(elsewhere, dataDirectory);
    const listed = await runCli(['tenants', 'list', '--json', '--data-dir', relativeToShell], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, { cwd: elsewhere });
    assert.equal(listed.code, 0, listed.stderr);
    assert.ok(JSON.parse(listed.stdout).some((tenant: { id: string }) => tenant.id === tenantId), 'the same database: --data-dir wins over DATABASE_URL');
    assert.ok(!existsSync(path.join(dataDirectory, 'postgres', 'postmaster.pid')), 'the cluster the CLI started is stopped again');
  });
});
