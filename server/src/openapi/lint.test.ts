import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { buildOpenApiDocument } from './print-document.ts';

/*
 * Spectral (its OpenAPI rules and the OWASP API security ruleset) and Redocly lint the
 * generated document with the rule configurations committed at the repository root
 * (.spectral.yaml, redocly.yaml): no error and no warning. Both run from node_modules,
 * with no network.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const bin = (name: string) => path.join(ROOT, 'node_modules/.bin', name);
const OFFLINE = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };

let directory: string;
let documentPath: string;
before(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'porttask-openapi-'));
  documentPath = path.join(directory, 'openapi.json');
  await writeFile(documentPath, JSON.stringify(buildOpenApiDocument(), null, 2));
});
after(async () => { await rm(directory, { recursive: true, force: true }); });

/** Runs a linter; its exit code is not thrown, the findings it prints are returned. */
async function run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, { cwd: ROOT, env: OFFLINE, maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('OpenAPI linters', { concurrency: 2 }, () => {
  it('Spectral with the OWASP ruleset finds nothing', async () => {
    const output = path.join(directory, 'spectral.json');
    const result = await run(bin('spectral'), ['lint', '--ruleset', '.spectral.yaml', '--format', 'json', '--output', output, '--fail-severity', 'hint', documentPath]);
    const findings = JSON.parse(await readFile(output, 'utf8')) as { code: string; message: string; path: string[] }[];
    assert.deepEqual(findings.map((finding) => `${finding.code} at ${finding.path.join('.')}: ${finding.message}`), [], result.stderr);
    assert.equal(result.code, 0, result.stderr);
  });

  it('Redocly lint finds nothing', async () => {
    const result = await run(bin('redocly'), ['lint', documentPath, '--config', 'redocly.yaml', '--format', 'json']);
    const report = JSON.parse(result.stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string }[] };
    assert.deepEqual(report.problems.map((problem) => `${problem.ruleId}: ${problem.message}`), []);
    assert.deepEqual(report.totals, { ...report.totals, errors: 0, warnings: 0 });
    assert.equal(result.code, 0, result.stderr);
  });
});
