import * as z from 'zod';

/** UN/LOCODE: two-letter country code and three letters or digits 2–9. */
export const UNLocationCode = z
  .string()
  .regex(/^[A-Z]{2}[A-Z2-9]{3}$/, 'must be a UN/LOCODE like NLRTM (country code + 3 letters or digits 2–9)')
  .meta({ id: 'UNLocationCode', example: 'NLRTM' });

/** SMDG terminal facility code. */
export const FacilitySMDGCode = z
  .string()
  .regex(/^[A-Z0-9]{1,6}$/, 'must be an SMDG terminal code (1–6 capital letters or digits)')
  .meta({ id: 'FacilitySMDGCode', example: 'ECTDE' });

export const Port = z
  .object({
    UNLocationCode: z.string(),
    portName: z.string(),
    countryCode: z.string().meta({ description: 'ISO 3166-1 alpha-2.' }),
    timeZone: z.string().meta({ description: 'IANA time zone, e.g. Europe/Amsterdam.' }),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
  })
  .meta({ id: 'Port' });
export type Port = z.infer<typeof Port>;

/** Type-ahead: by LOCODE (prefix) or name (contains). */
export const PortQuery = z.object({
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type PortQuery = z.input<typeof PortQuery>;
