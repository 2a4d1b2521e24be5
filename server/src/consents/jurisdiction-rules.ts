import type { ConsentConfigInput, Jurisdiction, ValidationIssue } from '@porttask/sdk/schemas';

/** Jurisdictions whose law asks for consent before optional processing. */
export const OPT_IN_JURISDICTIONS: readonly Jurisdiction[] = ['gdpr', 'uk_gdpr', 'dpdp', 'lgpd', 'pdpa'];

/** Jurisdictions where a Global Privacy Control signal is a valid opt-out the site must honour. */
const GPC_BINDING_JURISDICTIONS: readonly Jurisdiction[] = ['ccpa'];

/**
 * What a tenant's own configuration may not choose, given the law it is under: opt-out where
 * any of its jurisdictions asks for opt-in, and ignoring GPC where the signal is binding.
 * The strictest reading wins, as with the defaults (one model per tenant).
 */
export function jurisdictionIssues(jurisdictions: readonly Jurisdiction[], config: Pick<ConsentConfigInput, 'model' | 'honourGpc'>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  // No jurisdiction named reads as the strictest, as the defaults do.
  const optIn = jurisdictions.length === 0 ? ['no jurisdiction named (read as the strictest)'] : jurisdictions.filter((jurisdiction) => OPT_IN_JURISDICTIONS.includes(jurisdiction));
  if (config.model === 'opt_out' && optIn.length > 0) {
    issues.push({ path: ['model'], code: 'jurisdiction', message: `must be opt_in: the tenant is under ${optIn.join(', ')}, which asks for consent before optional processing` });
  }
  const gpcBinding = jurisdictions.filter((jurisdiction) => GPC_BINDING_JURISDICTIONS.includes(jurisdiction));
  if (config.honourGpc === false && gpcBinding.length > 0) {
    issues.push({ path: ['honourGpc'], code: 'jurisdiction', message: `must be true: under ${gpcBinding.join(', ')} a Global Privacy Control signal is a valid opt-out of sale and sharing` });
  }
  return issues;
}
