import * as z from 'zod';
import { boundedRecord, isoDateTime } from './common.ts';

/*
 * Fulfilment of access and portability requests: what the partner holds about the requester
 * (added with the secret key), and the signed link to the export bundle.
 */

/** Limits of `PUT /v1/rights-requests/{id}/data` (the body as a whole is also at most 256 KB). */
export const PARTNER_DATA_LIMITS = { tables: 20, rowsPerTable: 1000, columnsPerRow: 50, characters: 5000 } as const;

export const PartnerTableName = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be lower-case letters, digits and _ (starting with a letter), at most 64 characters: it becomes a file name')
  .meta({ example: 'bookings' });

export const PartnerColumnName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[^\u0000-\u001f]+$/, 'must not contain control characters')
  .meta({ example: 'vesselName' });

/** A cell: scalar values only, so every table is also a CSV file. */
export const PartnerDataValue = z
  .union([z.string().max(PARTNER_DATA_LIMITS.characters), z.number(), z.boolean(), z.null()])
  .meta({ id: 'PartnerDataValue' });

export const PartnerDataRow = boundedRecord(PartnerColumnName, PartnerDataValue, PARTNER_DATA_LIMITS.columnsPerRow).meta({ id: 'PartnerDataRow' });

export const RightsRequestData = z
  .object({
    tables: boundedRecord(PartnerTableName, z.array(PartnerDataRow).max(PARTNER_DATA_LIMITS.rowsPerTable), PARTNER_DATA_LIMITS.tables)
      .meta({ description: 'Named tables of rows (column → string, number, boolean or null); each becomes `partner/<name>.json` and `.csv` in the bundle.' }),
  })
  .meta({
    id: 'RightsRequestData',
    examples: [{ tables: { bookings: [{ reference: 'BK-2026-0113', vesselName: 'Maersk Elba', portOfCall: 'DKAAR', bookedAt: '2026-03-02T10:15:00Z' }], newsletter: [{ subscribed: true, since: '2025-11-01' }] } }],
  });
export type RightsRequestData = z.input<typeof RightsRequestData>;

export const RightsRequestDataStored = z
  .object({
    requestId: z.string().max(23),
    tableCount: z.number().int().min(0),
    rowCount: z.number().int().min(0),
    byteSize: z.number().int().min(0).meta({ description: 'Size of the stored JSON, in bytes.' }),
    updatedAt: isoDateTime(),
  })
  .meta({ id: 'RightsRequestDataStored', examples: [{ requestId: 'rr_8k2m4n6p8q0r2s4t6v8w', tableCount: 2, rowCount: 2, byteSize: 187, updatedAt: '2026-11-27T08:00:00.000Z' }] });
export type RightsRequestDataStored = z.infer<typeof RightsRequestDataStored>;

/** The query of a signed download link (`downloadUrl` in the requester's status answer). */
export const ExportDownloadQuery = z
  .object({
    expires: z.string().max(12).regex(/^\d{1,12}$/, 'must be the link\'s expiry in seconds since 1970').meta({ example: '1767225600' }),
    signature: z.string().max(64).regex(/^[A-Za-z0-9_-]{43}$/, 'must be the link\'s signature').meta({ example: 'q3Hk9XyZ0aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456_' }),
  })
  .meta({ id: 'ExportDownloadQuery' });

/** How an export stands, for staff. */
export const RightsRequestExportView = z
  .object({
    status: z.enum(['building', 'ready', 'failed']),
    requestedAt: isoDateTime(),
    readyAt: isoDateTime().nullable(),
    expiresAt: isoDateTime().nullable(),
    byteSize: z.number().int().min(0).nullable(),
    downloadUrl: z.string().max(2048).nullable().meta({ description: 'The signed link, while the bundle is ready and not expired.' }),
    downloads: z.number().int().min(0),
  })
  .meta({ id: 'RightsRequestExport' });
export type RightsRequestExportView = z.infer<typeof RightsRequestExportView>;
