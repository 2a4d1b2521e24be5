import * as z from 'zod';

/**
 * Numbers that pass the check digit but are used as "unknown" in line-ups and spreadsheets.
 * Real IMO ship numbers never start with 0.
 */
const PLACEHOLDER_IMO_NUMBERS = new Set(['1234567']);

/**
 * The IMO check digit rule: the first six digits weighted 7..2, the last digit of
 * the sum is the seventh digit. Placeholders (0000000, 1234567, any leading 0) are refused.
 * The database enforces the same rule (migration 010, `porttask_is_valid_imo`).
 */
export function isValidImoNumber(value: string): boolean {
  if (!/^[1-9][0-9]{6}$/.test(value) || PLACEHOLDER_IMO_NUMBERS.has(value)) return false;
  let sum = 0;
  for (let index = 0; index < 6; index += 1) sum += Number(value[index]) * (7 - index);
  return sum % 10 === Number(value[6]);
}

export const VesselIMONumber = z
  .string()
  .length(7)
  .regex(/^[0-9]{7}$/, 'must be 7 digits (the IMO number without the "IMO" prefix)')
  .refine(isValidImoNumber, 'is not a valid IMO number (check digit wrong, or a placeholder like 0000000)')
  .meta({ id: 'VesselIMONumber', description: 'IMO ship identification number, 7 digits with check digit.', example: '9321483' });

/** Maritime Mobile Service Identity. Changes with flag and owner, so never a key. */
export const MMSINumber = z
  .string()
  .length(9)
  .regex(/^[0-9]{9}$/, 'must be 9 digits')
  .meta({ id: 'MMSINumber', example: '220417000' });

export const VesselInput = z
  .object({
    vesselIMONumber: VesselIMONumber,
    vesselName: z.string().trim().min(1).max(100),
    MMSINumber: MMSINumber.optional(),
    vesselCallSign: z.string().max(10).regex(/^[A-Z0-9]{2,10}$/, 'must be 2–10 capital letters or digits').optional(),
    lengthOverall: z.number().positive().max(500).optional().meta({ description: 'Metres.' }),
    width: z.number().positive().max(80).optional().meta({ description: 'Beam, metres.' }),
    draft: z.number().positive().max(30).optional().meta({ description: 'Metres.' }),
  })
  .meta({ id: 'VesselInput', examples: [{ vesselIMONumber: '9321483', vesselName: 'EMMA MAERSK', MMSINumber: '220417000', vesselCallSign: 'OYGR2', lengthOverall: 397.7, width: 56.4, draft: 15.5 }] });
export type VesselInput = z.infer<typeof VesselInput>;

export const Vessel = z
  .object({
    vesselIMONumber: z.string().max(7),
    vesselName: z.string().max(100),
    MMSINumber: z.string().max(9).nullable(),
    vesselCallSign: z.string().max(10).nullable(),
    lengthOverall: z.number().nullable(),
    width: z.number().nullable(),
    draft: z.number().nullable(),
  })
  .meta({ id: 'Vessel', examples: [{ vesselIMONumber: '9321483', vesselName: 'EMMA MAERSK', MMSINumber: '220417000', vesselCallSign: 'OYGR2', lengthOverall: 397.7, width: 56.4, draft: 15.5 }] });
export type Vessel = z.infer<typeof Vessel>;

/** Type-ahead: by name (contains), IMO or MMSI (prefix). */
export const VesselQuery = z.object({
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20).meta({ description: 'Page size, 1–100 (default 20).' }),
});
export type VesselQuery = z.input<typeof VesselQuery>;
