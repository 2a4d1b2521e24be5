import * as z from 'zod';
import { Environment } from './common.ts';
import { Jurisdiction } from './config.ts';
import { GrievanceOfficer } from './rights-form.ts';

/*
 * A tenant's settings for privacy-rights requests, per environment: the calendar deadlines
 * are counted in, the DPDP response period it publishes, and who is reached about requests.
 */

const TimeZone = z.string().trim().min(1).max(64).meta({ description: 'An IANA time zone: the day a request is received on is a day here.', example: 'Asia/Kolkata' });
const HolidayCountry = z.string().max(2).regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code like IN').meta({ example: 'IN' });
const HolidayState = z.string().max(10).regex(/^[A-Za-z0-9]{1,10}$/, 'must be a subdivision code like MH').meta({ description: 'Where public holidays differ by state (a US state, an Indian state, a German Land).', example: 'MH' });
const DpdpResponseDays = z.number().int().min(1).max(90).meta({ description: 'DPDP: the response period the tenant publishes, 1–90 days.', example: 30 });

export { GrievanceOfficer } from './rights-form.ts';

export const RightsSettings = z
  .object({
    environment: Environment,
    timeZone: TimeZone,
    holidayCountry: HolidayCountry,
    holidayState: HolidayState.nullable(),
    calendarFromRegion: z.boolean().meta({ description: '`true` while both the time zone and the holidays are the defaults of the tenant\'s region.' }),
    dpdpResponseDays: DpdpResponseDays,
    grievanceOfficer: GrievanceOfficer.nullable(),
    privacyContactEmail: z.string().max(254).nullable().meta({ description: 'Receives the due-soon and overdue announcements.', example: 'privacy@portagency.example' }),
    jurisdictions: z.array(Jurisdiction).max(6).meta({ description: 'The tenant\'s laws (set on the tenant); they decide the rights offered and the deadlines.' }),
  })
  .meta({
    id: 'RightsSettings',
    examples: [{
      environment: 'live', timeZone: 'Asia/Kolkata', holidayCountry: 'IN', holidayState: 'MH', calendarFromRegion: false, dpdpResponseDays: 30,
      grievanceOfficer: { name: 'Priya Raman', email: 'grievance@portagency.example' }, privacyContactEmail: 'privacy@portagency.example', jurisdictions: ['dpdp'],
    }],
  });
export type RightsSettings = z.infer<typeof RightsSettings>;

export const RightsSettingsInput = z
  .object({
    timeZone: TimeZone.nullable().default(null).meta({ description: 'null: the region\'s default.' }),
    holidayCountry: HolidayCountry.nullable().default(null).meta({ description: 'null: the region\'s default holidays.' }),
    holidayState: HolidayState.nullable().default(null).meta({ description: 'Only with `holidayCountry`.' }),
    dpdpResponseDays: DpdpResponseDays.default(30),
    grievanceOfficer: GrievanceOfficer.nullable().default(null),
    privacyContactEmail: z.email().max(254).nullable().default(null),
  })
  .strict()
  .meta({
    id: 'RightsSettingsInput',
    description: 'The whole settings, replaced at once; an omitted field takes its default.',
    examples: [{
      timeZone: 'Asia/Kolkata', holidayCountry: 'IN', holidayState: 'MH', dpdpResponseDays: 30,
      grievanceOfficer: { name: 'Priya Raman', email: 'grievance@portagency.example' }, privacyContactEmail: 'privacy@portagency.example',
    }],
  });
export type RightsSettingsInput = z.input<typeof RightsSettingsInput>;
