import { SignUpSettingsInput, type SignUpSettings } from '@porttask/sdk/schemas';
import { getSignUpSettings, replaceSignUpSettings } from '../accounts/sign-up-settings.ts';
import { ApiError } from '../http/api-error.ts';
import { findTenant } from '../tenants/tenants.queries.ts';
import { check, openForCommand, parseOptions, type Command } from './arguments.ts';
import { printResult, UsageError } from './output.ts';
import { scopeOf } from './rights-settings-commands.ts';

const USAGE = `usage: porttask accounts settings show --tenant ID [--env test|live]
       porttask accounts settings set --tenant ID [--env test|live] [--open | --closed] [--policy required|not-required]
            [--terms-version V --terms-url URL | --no-terms] [--age-gate self_declaration|date_of_birth]
            [--age LAW=AGE]… [--no-ages] [--guardian-consent on|off]
"set" changes only what it names. --age gdpr=15 sets one law's age of digital consent (GDPR 13-16,
UK GDPR 13, DPDP 18, CCPA 13-16, LGPD 12-18, PDPA 13-18); --no-ages goes back to "at least 18".
--guardian-consent off refuses sign-ups below the age; on (the default) lets them wait for a parent's or guardian's consent.`;

const OPTIONS = {
  tenant: { type: 'string' }, env: { type: 'string' }, environment: { type: 'string' }, open: { type: 'boolean', default: false }, closed: { type: 'boolean', default: false },
  policy: { type: 'string' }, 'terms-version': { type: 'string' }, 'terms-url': { type: 'string' }, 'no-terms': { type: 'boolean', default: false },
  'age-gate': { type: 'string' }, age: { type: 'string', multiple: true }, 'no-ages': { type: 'boolean', default: false },
  'guardian-consent': { type: 'string' },
} as const;

/** `porttask accounts settings show|set`: the same settings and checks as `GET/PUT /v1/sign-up-settings`. */
export const accountsCommand: Command = async ([group, action, ...args], context) => {
  if (group !== 'settings' || (action !== 'show' && action !== 'set')) throw new UsageError(USAGE);
  const { values } = parseOptions(args, OPTIONS, USAGE);
  const scope = scopeOf(values);
  const db = await openForCommand(context);
  try {
    const tenant = await findTenant(db.owner, scope.tenantId);
    if (!tenant) throw new UsageError(`No tenant ${scope.tenantId}.`);
    let settings = await getSignUpSettings(db.owner, scope);
    if (action === 'set') {
      const input = check(SignUpSettingsInput, changed(settings, values), 'settings');
      try {
        settings = await db.owner.begin((transaction) => replaceSignUpSettings(transaction, scope, input));
      } catch (error) {
        // An age outside its law's range: the API's 422, as a usage error naming the law.
        if (error instanceof ApiError && error.status === 422) throw new UsageError(`--age ${(error.issues ?? []).map((issue) => `${String(issue.path.at(-1))} ${issue.message}`).join('; ')}`);
        throw error;
      }
    }
    printResult(values.json, settings, () => describe(tenant.name, settings));
  } finally {
    await db.close();
  }
};

/** The settings in force with the flags given applied: `set` is a partial change, the API's PUT a whole one. */
function changed(current: SignUpSettings, values: Record<string, unknown>): unknown {
  const text = (flag: string) => (typeof values[flag] === 'string' ? (values[flag] as string) : undefined);
  if (values['open'] === true && values['closed'] === true) throw new UsageError('--open or --closed, not both.');
  if ((text('terms-version') === undefined) !== (text('terms-url') === undefined)) throw new UsageError('--terms-version and --terms-url go together.');
  const policy = text('policy');
  if (policy !== undefined && policy !== 'required' && policy !== 'not-required') throw new UsageError('--policy must be required or not-required.');
  const guardian = text('guardian-consent');
  if (guardian !== undefined && guardian !== 'on' && guardian !== 'off') throw new UsageError('--guardian-consent must be on or off.');
  const ages: Record<string, number> = values['no-ages'] === true ? {} : { ...(current.agesOfDigitalConsent ?? {}) };
  for (const pair of (values['age'] as string[] | undefined) ?? []) {
    const match = /^([a-z_]+)=(\d{1,2})$/.exec(pair);
    if (!match) throw new UsageError(`--age ${pair}: write it as LAW=AGE, e.g. gdpr=15.`);
    ages[match[1]!] = Number(match[2]);
  }
  return {
    signUpOpen: values['closed'] === true ? false : values['open'] === true ? true : current.signUpOpen,
    requirePrivacyPolicy: policy === undefined ? current.requirePrivacyPolicy : policy === 'required',
    terms: values['no-terms'] === true ? null : text('terms-version') !== undefined ? { version: text('terms-version'), url: text('terms-url') } : current.terms,
    ageGate: text('age-gate') ?? current.ageGate,
    guardianConsent: guardian === undefined ? current.guardianConsent : guardian === 'on',
    agesOfDigitalConsent: values['no-ages'] === true || Object.keys(ages).length === 0 ? null : ages,
  };
}

function describe(tenantName: string, settings: SignUpSettings): string {
  const ages = settings.agesOfDigitalConsent;
  return [
    `Sign-up settings of ${tenantName} (${settings.environment} environment)`,
    `  sign-up:         ${settings.signUpOpen ? 'open' : 'closed (accounts only from the tenant)'}`,
    `  privacy policy:  ${settings.requirePrivacyPolicy ? `accepted at sign-up (current version: ${settings.privacyPolicyVersion ?? 'none published'})` : 'not asked'}`,
    `  terms of use:    ${settings.terms ? `${settings.terms.version} <${settings.terms.url}>` : 'none'}`,
    `  laws:            ${settings.jurisdictions.join(', ')}`,
    `  digital consent: ${ages ? Object.entries(ages).map(([law, age]) => `${law} ${age}`).join(', ') : 'not set'}`,
    `  age gate:        ${settings.ageGate === 'date_of_birth' ? 'date of birth' : 'self-declaration'}, at least ${settings.minimumAge}`,
    `  below the age:   ${settings.guardianConsent ? 'the account waits for a parent\'s or guardian\'s consent (14 days)' : 'sign-up refused'}`,
  ].join('\n');
}
