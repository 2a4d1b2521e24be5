import type { Jurisdiction, RightsRequestType } from '../schemas/index.ts';

/**
 * Which rights each law gives a person, and so which a tenant's request form offers. One table
 * for the API (which refuses a type no law of the tenant gives) and the widgets (which offer
 * only those). Nomination and grievance redressal are DPDP's own; objection to automated
 * decisions is GDPR Art. 22 and LGPD Art. 20; CCPA's opt-out of sale and sharing is offered as
 * an objection.
 */
export const RIGHTS_BY_JURISDICTION: Readonly<Record<Jurisdiction, readonly RightsRequestType[]>> = {
  gdpr: ['access', 'export', 'correction', 'deletion', 'restriction', 'objection', 'objection_to_automated_decision', 'withdraw_consent'],
  uk_gdpr: ['access', 'export', 'correction', 'deletion', 'restriction', 'objection', 'objection_to_automated_decision', 'withdraw_consent'],
  ccpa: ['access', 'export', 'correction', 'deletion', 'objection', 'withdraw_consent'],
  dpdp: ['access', 'correction', 'deletion', 'withdraw_consent', 'nomination', 'grievance'],
  lgpd: ['access', 'export', 'correction', 'deletion', 'objection', 'objection_to_automated_decision', 'withdraw_consent'],
  pdpa: ['access', 'correction', 'withdraw_consent'],
};

const FORM_ORDER: readonly RightsRequestType[] = [...RIGHTS_BY_JURISDICTION.gdpr, 'nomination', 'grievance'];

/** The tenant's laws that give this right: their deadlines govern the request. */
export function jurisdictionsGiving(type: RightsRequestType, jurisdictions: readonly Jurisdiction[]): Jurisdiction[] {
  return jurisdictions.filter((jurisdiction) => RIGHTS_BY_JURISDICTION[jurisdiction]?.includes(type));
}

/** Every right any of the tenant's laws gives, in the order of the form. */
export function offeredRequestTypes(jurisdictions: readonly Jurisdiction[]): RightsRequestType[] {
  const offered = new Set(jurisdictions.flatMap((jurisdiction) => RIGHTS_BY_JURISDICTION[jurisdiction] ?? []));
  return FORM_ORDER.filter((type) => offered.has(type));
}
