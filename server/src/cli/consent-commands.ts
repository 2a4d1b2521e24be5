import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { ConsentConfigInput, Environment, NewConsentPolicyVersion, SubjectId, type ConsentRecord } from '@porttask/sdk/schemas';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import { openDatabase } from '../runtime/open-database.ts';
import { insertPolicyVersion, listPolicyVersions, loadConsentConfig, saveConsentConfig } from '../consents/consent-config.queries.ts';
import { jurisdictionIssues } from '../consents/jurisdiction-rules.ts';
import { listConsentRecords } from '../consents/consents.queries.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { findTenant } from '../tenants/tenants.queries.ts';
import { printResult, UsageError } from './output.ts';

const USAGE = `usage: porttask consent show --tenant ID [--environment live|test]
       porttask consent set --tenant ID --file consent-config.json [--environment live|test]
       porttask consent policy --tenant ID --version V --url URL --last-updated YYYY-MM-DD [--environment live|test]
       porttask consent records --tenant ID --subject SUBJECT_ID [--environment live|test]
Each command works on one environment of the tenant, live unless --environment test.`;

/**
 * `porttask consent …`: the tenant's consent configuration and proof of consent, the same
 * operations as the secret-key API (/v1/consent-config, /v1/consents), for operators. Input
 * is validated by the same contract schemas. A policy version is only ever added, never
 * changed: the history is the proof of what each record's version said.
 *
 * Like the API, each command works on one environment: `live` unless `--environment test`
 * (live is what visitors see; test is the partner's sandbox). The output names it.
 */
export async function consentCommand(args: string[], context: { env: Env; logger: Logger }): Promise<void> {
  const [action, ...rest] = args;
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: rest,
      options: {
        tenant: { type: 'string' }, file: { type: 'string' }, version: { type: 'string' }, url: { type: 'string' },
        'last-updated': { type: 'string' }, subject: { type: 'string' }, json: { type: 'boolean', default: false },
        environment: { type: 'string', default: 'live' },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const json = values['json'] === true;
  const tenantId = check(z.string({ error: 'is required' }).regex(/^ten_[0-9a-z]{20}$/, 'must be a tenant id like ten_…'), values['tenant'], 'tenant');
  const scope: DataScope = { tenantId, environment: check(Environment, values['environment'], 'environment') };
  const inEnvironment = `(${scope.environment} environment)`;
  if (!['show', 'set', 'policy', 'records'].includes(action ?? '')) throw new UsageError(USAGE);

  const db = await openDatabase(context.env, context.logger);
  try {
    const owner = db.owner;
    const tenant = await findTenant(owner, tenantId);
    if (!tenant) throw new UsageError(`No tenant ${tenantId}.`);
    if (action === 'set') {
      if (typeof values['file'] !== 'string') throw new UsageError(`--file is required\n${USAGE}`);
      const text = await readFile(values['file'], 'utf8');
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        throw new UsageError(`--file: not JSON (${(error as Error).message})`);
      }
      const config = check(ConsentConfigInput, parsed, 'file') as Parameters<typeof saveConsentConfig>[2];
      const issues = jurisdictionIssues(tenant.jurisdictions, config);
      if (issues.length > 0) throw new UsageError(`--file: ${issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
      await saveConsentConfig(owner, scope, config);
    }
    if (action === 'policy') {
      const policy = check(NewConsentPolicyVersion, { version: values['version'], url: values['url'], lastUpdated: values['last-updated'] }, 'version/--url/--last-updated');
      const created = await insertPolicyVersion(owner, scope, policy);
      if (!created) throw new UsageError(`Policy version "${policy.version}" exists already ${inEnvironment}; published versions are never changed. Use a new version.`);
    }
    if (action === 'records') {
      const subjectId = check(SubjectId, values['subject'], 'subject');
      const records: ConsentRecord[] = [];
      let after: bigint | undefined;
      for (;;) {
        const page = await listConsentRecords(owner, { scope, subjectId, after, limit: 500 });
        records.push(...page.records);
        if (!page.more || !page.lastSequence) break;
        after = BigInt(page.lastSequence);
      }
      printResult(json, records, () => [
        `Consent records of ${subjectId} ${inEnvironment}:`,
        ...records.map((record) =>
          `${record.recordedAt}  ${record.receiptId}  ${record.source.padEnd(11)} policy ${record.policyVersion}  ${Object.entries(record.choices).map(([key, granted]) => `${key}=${granted ? 'yes' : 'no'}`).join(' ')}`),
      ].join('\n') + (records.length === 0 ? '\nNo records.' : ''));
      return;
    }
    const config = await loadConsentConfig(owner, scope, tenant.jurisdictions);
    const policyVersions = await listPolicyVersions(owner, scope);
    printResult(json, { environment: scope.environment, config, policyVersions }, () => [
      `Consent for ${tenant.name} (${tenantId}) ${inEnvironment}${config.configured ? '' : ' (defaults: not configured yet)'}`,
      `  model ${config.model}, GPC ${config.honourGpc ? 'honoured' : 'ignored'}, asks again after ${config.expiryDays} days`,
      ...config.purposes.map((purpose) => `  - ${purpose.key}${purpose.required ? ' (strictly necessary)' : ''}${purpose.optOutByGpc ? ' (off under GPC)' : ''}: ${purpose.services.map((service) => `${service.name} [${service.cookies.join(', ')}]`).join('; ') || 'no services listed'}`),
      'Policy versions (newest first):',
      ...(policyVersions.map((policy) => `  ${policy.version}  ${policy.lastUpdated}  ${policy.url}`) as string[]),
    ].join('\n'));
  } finally {
    await db.close();
  }
}

function check<Schema extends z.ZodType>(schema: Schema, value: unknown, flag: string): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new UsageError(`--${flag}: ${result.error.issues.map((issue) => `${issue.path.join('.') || 'value'}: ${issue.message}`).join('; ')}`);
  }
  return result.data;
}
