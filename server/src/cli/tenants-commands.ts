import * as z from 'zod';
import { Environment, NewConsentPolicyVersion, OriginInput, Region, TenantId, type ApiKey, type ConsentPolicyVersion } from '@porttask/sdk/schemas';
import { insertApiKey, listApiKeys } from '../auth/api-keys.queries.ts';
import { insertPolicyVersion, listPolicyVersions } from '../consents/consent-config.queries.ts';
import { findTenant, insertTenant, listTenants } from '../tenants/tenants.queries.ts';
import { check, parseOptions, withOwner, type Command } from './arguments.ts';
import { formatKey, printWarnings } from './keys-commands.ts';
import { printResult, UsageError } from './output.ts';

const USAGE = `usage: porttask tenants create --name NAME --region eu|us|in|br|sg --origin URL [--origin URL…]
                              [--policy-url URL --policy-version V [--policy-last-updated YYYY-MM-DD]]
                              [--environment test|live]
       porttask tenants list
       porttask tenants show TENANT_ID`;

/** `porttask tenants create|list|show`. */
export const tenantsCommand: Command = async ([action, ...args], context) => {
  if (action === 'create') return createTenant(args, context);
  if (action === 'list') return listAll(args, context);
  if (action === 'show') return show(args, context);
  throw new UsageError(action ? `unknown command: tenants ${action}\n${USAGE}` : USAGE);
};

/** What to run next so the banner shows: printed by `create` without a policy, and by `show`. */
const publishPolicyCommand = (tenantId: string) =>
  `porttask consent policy --tenant ${tenantId} --version 2026-01-01 --url https://your-site.example/privacy --last-updated 2026-01-01`;

const createTenant: Command = async (args, context) => {
  const { values } = parseOptions(args, {
    name: { type: 'string' },
    region: { type: 'string' },
    origin: { type: 'string', multiple: true, default: [] },
    environment: { type: 'string', default: 'live' },
    'policy-url': { type: 'string' },
    'policy-version': { type: 'string' },
    'policy-last-updated': { type: 'string' },
  }, USAGE);
  const name = check(z.string({ error: 'is required' }).trim().min(1, 'is required').max(200), values['name'], 'name');
  const region = check(Region, values['region'], 'region');
  const origins = [...new Set(check(z.array(OriginInput), values['origin'], 'origin'))];
  const environment = check(Environment, values['environment'], 'environment');
  const policy = policyOption(values);

  const result = await withOwner(context, (owner) =>
    owner.begin(async (transaction) => {
      const tenant = await insertTenant(transaction, { name, region });
      const publishable = await insertApiKey(transaction, { tenantId: tenant.id, kind: 'publishable', environment, allowedOrigins: origins });
      const secret = await insertApiKey(transaction, { tenantId: tenant.id, kind: 'secret', environment });
      // The privacy policy is the partner's real document: published into both environments,
      // as a policy given to the tenant always is (test pages show the same banner as live ones).
      const [published] = policy
        ? await Promise.all(Environment.options.map((env) => insertPolicyVersion(transaction, { tenantId: tenant.id, environment: env }, policy)))
        : [undefined];
      return {
        tenantId: tenant.id, name, region, environment,
        publishableKey: publishable.token, secretKey: secret.token, allowedOrigins: origins,
        policy: published ?? null,
        warnings: publishable.warnings,
        nextSteps: published ? [] : [`Publish your privacy policy; until then the consent banner shows nothing: ${publishPolicyCommand(tenant.id)}`],
      };
    }),
  );
  printWarnings(result.warnings);
  printResult(values.json, result, () => [
    `Created tenant ${result.tenantId} (${name}, region ${region}, ${environment} keys).`,
    `  publishable key: ${result.publishableKey}  (origins: ${origins.join(', ') || 'none yet'})`,
    `  secret key:      ${result.secretKey}`,
    'The secret key is shown only now: store it in your server\'s secret store.',
    result.policy
      ? `Privacy policy ${result.policy.version} published (${result.policy.url}): the consent banner shows on your allowed origins.`
      : `Next: publish your privacy policy (the consent banner shows nothing until you do):\n  ${publishPolicyCommand(result.tenantId)}`,
  ].join('\n'));
};

function policyOption(values: Record<string, unknown>) {
  const url = values['policy-url'];
  const version = values['policy-version'];
  if (url === undefined && version === undefined) {
    if (values['policy-last-updated'] !== undefined) throw new UsageError('--policy-last-updated needs --policy-url and --policy-version.');
    return undefined;
  }
  if (url === undefined || version === undefined) throw new UsageError('--policy-url and --policy-version go together (the banner links to that URL and records that version).');
  const lastUpdated = values['policy-last-updated'] ?? new Date().toISOString().slice(0, 10);
  return check(NewConsentPolicyVersion, { url, version, lastUpdated }, 'policy-url/--policy-version/--policy-last-updated');
}

const listAll: Command = async (args, context) => {
  const { values } = parseOptions(args, {}, USAGE);
  const tenants = await withOwner(context, (owner) => listTenants(owner));
  printResult(values.json, tenants, () => tenants.map((tenant) =>
    `${tenant.id}  ${tenant.region}  ${tenant.name}  policy ${tenant.policyVersion ?? 'NONE (banner shows nothing)'}  ${tenant.activeKeys} active key(s)`).join('\n') || 'No tenants yet: porttask tenants create --name … --region … --origin …');
};

const show: Command = async (args, context) => {
  const { values, positionals } = parseOptions(args, { tenant: { type: 'string' } }, USAGE, 1);
  const tenantId = check(TenantId, positionals[0] ?? values['tenant'], 'tenant');
  const details = await withOwner(context, async (owner) => {
    const tenant = await findTenant(owner, tenantId);
    if (!tenant) throw new UsageError(`No tenant ${tenantId}.`);
    // A policy is published into both environments (see create); show what live visitors get.
    const [{ keys }, policyVersions] = await Promise.all([listApiKeys(owner, { tenantId }), listPolicyVersions(owner, { tenantId, environment: 'live' })]);
    return { tenant, keys, policyVersions };
  });
  const { tenant, keys, policyVersions } = details;
  printResult(values.json, { ...details, nextSteps: nextSteps(tenant.id, keys, policyVersions) }, () => [
    `${tenant.name} (${tenant.id}), region ${tenant.region}, jurisdictions ${tenant.jurisdictions.join(', ')}`,
    'Keys:',
    ...keys.map((key) => `  ${formatKey(key)}`),
    'Privacy-policy versions (newest first):',
    ...(policyVersions.length ? policyVersions.map((policy) => `  ${policy.version}  ${policy.lastUpdated}  ${policy.url}`) : ['  none']),
    ...nextSteps(tenant.id, keys, policyVersions).map((step) => `Next: ${step}`),
  ].join('\n'));
};

function nextSteps(tenantId: string, keys: ApiKey[], policyVersions: ConsentPolicyVersion[]): string[] {
  const steps: string[] = [];
  if (policyVersions.length === 0) steps.push(`publish your privacy policy; until then the consent banner shows nothing: ${publishPolicyCommand(tenantId)}`);
  for (const key of keys) {
    if (key.status !== 'active' && key.status !== 'expiring') continue;
    for (const warning of key.warnings) steps.push(`${key.id}: ${warning.message} (porttask keys update ${key.id} --add-origin https://…)`);
  }
  return steps;
}
