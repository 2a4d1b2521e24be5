import * as z from 'zod';

/*
 * What the rights-request form needs, apart from the rest of the rights contract: the widget
 * config (config.ts) and the requests and settings files all use these, so they depend on
 * zod alone (no import cycle between those files).
 */

export const RightsRequestType = z
  .enum([
    'access',
    'export',
    'correction',
    'deletion',
    'restriction',
    'objection',
    'objection_to_automated_decision',
    'withdraw_consent',
    'nomination',
    'grievance',
  ])
  .meta({
    id: 'RightsRequestType',
    description:
      'access: a copy of one\'s data; export: the same, machine-readable (portability); correction; deletion; restriction of processing; ' +
      'objection to processing; objection_to_automated_decision (a decision made solely by automated means); withdraw_consent; ' +
      'nomination (DPDP: name who exercises one\'s rights after death or incapacity); grievance (DPDP: a complaint to the grievance officer).',
  });
export type RightsRequestType = z.infer<typeof RightsRequestType>;

export const GrievanceOfficer = z
  .object({
    name: z.string().trim().min(1).max(200).meta({ example: 'Priya Raman' }),
    email: z.email().max(254).meta({ example: 'grievance@portagency.example' }),
  })
  .meta({ id: 'GrievanceOfficer', description: 'DPDP: whom a data principal complains to; shown on the request form.' });
export type GrievanceOfficer = z.infer<typeof GrievanceOfficer>;

/** What `GET /v1/config` tells the rights-request form: the rights to offer, and whom to complain to. */
export const WidgetRightsConfig = z
  .object({
    requestTypes: z.array(RightsRequestType).max(10).meta({ description: 'The rights the tenant\'s laws give, in the order of the form.' }),
    grievanceOfficer: GrievanceOfficer.nullable().meta({ description: 'DPDP: shown on the form, with the right to escalate to the Data Protection Board.' }),
    dpdpResponseDays: z.number().int().min(1).max(90).nullable().meta({ description: 'DPDP: the answer period the tenant publishes (null when DPDP is not one of its laws).' }),
  })
  .meta({ id: 'WidgetRightsConfig' });
export type WidgetRightsConfig = z.infer<typeof WidgetRightsConfig>;
