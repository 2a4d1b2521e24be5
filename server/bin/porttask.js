#!/usr/bin/env node
// The CLI is TypeScript run through tsx, with the "source" export condition so workspace
// packages resolve to their sources. Signals pass through so `serve` stops gracefully.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
// tsx resolved from here, not from the shell's folder: `porttask` works from any folder.
const tsx = import.meta.resolve('tsx');
const child = spawn(process.execPath, ['--conditions=source', '--import', tsx, cli, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
