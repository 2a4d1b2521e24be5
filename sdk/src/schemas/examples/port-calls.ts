/* Examples shown in the API reference; a test checks each against its schema. */

const timestampInput = {
  eventTypeCode: 'ARRI',
  classifierCode: 'EST',
  facilityTypeCode: 'BRTH',
  dateTime: '2026-11-25T14:30:00+01:00',
  delayReasonCode: 'WEA',
  remark: 'Fog on the Maas; pilot boarding delayed.',
  source: 'Maersk Line',
  publisherRole: 'CA',
};

const input = {
  UNLocationCode: 'NLRTM',
  facilitySMDGCode: 'ECTDE',
  terminalName: 'ECT Delta',
  berth: 'Delta 4',
  vessel: { vesselIMONumber: '9321483', vesselName: 'EMMA MAERSK', MMSINumber: '220417000', vesselCallSign: 'OYGR2' },
  carrierServiceCode: 'AE7',
  carrierExportVoyageNumber: '248W',
  status: 'PLANNED',
  agentName: 'Rotterdam Ship Agency',
  source: 'Maersk Line',
  timestamps: [timestampInput],
};

const listItem = {
  id: 'pc_0k2m4n6p8q0r2s4t',
  transportCallReference: 'NLRTM-9321483-2026W48',
  vesselName: 'EMMA MAERSK',
  vesselIMONumber: '9321483',
  voyage: '248W',
  UNLocationCode: 'NLRTM',
  timeZone: 'Europe/Amsterdam',
  facilitySMDGCode: 'ECTDE',
  berth: 'Delta 4',
  status: 'PLANNED',
  arrival: { dateTime: '2026-11-25T13:30:00.000Z', classifierCode: 'EST' },
  berthing: null,
  departure: { dateTime: '2026-11-27T06:00:00.000Z', classifierCode: 'PLN' },
  delayMinutes: 90,
  updatedAt: '2026-11-24T08:02:11.000Z',
  updatedBy: 'Maersk Line',
  version: 3,
};

const portCall = {
  ...listItem,
  portName: 'Rotterdam',
  terminalName: 'ECT Delta',
  portVisitReference: null,
  carrierServiceCode: 'AE7',
  carrierImportVoyageNumber: null,
  carrierExportVoyageNumber: '248W',
  vessel: { vesselIMONumber: '9321483', vesselName: 'EMMA MAERSK', MMSINumber: '220417000', vesselCallSign: 'OYGR2', lengthOverall: 397.7, width: 56.4, draft: 15.5 },
  cargoDescription: null,
  cargoQuantity: null,
  cargoUnit: null,
  agentName: 'Rotterdam Ship Agency',
  planned: { arrival: '2026-11-25T12:00:00.000Z', berthing: null, departure: '2026-11-27T06:00:00.000Z' },
  createdAt: '2026-11-20T10:00:00.000Z',
  timestamps: [
    {
      id: 'ts_4n6p8q0r2s4t6v8x',
      eventTypeCode: 'ARRI',
      classifierCode: 'EST',
      facilityTypeCode: 'BRTH',
      dateTime: '2026-11-25T13:30:00.000Z',
      originalUTCOffset: '+01:00',
      delayReasonCode: 'WEA',
      remark: 'Fog on the Maas; pilot boarding delayed.',
      source: 'Maersk Line',
      publisherRole: 'CA',
      receivedAt: '2026-11-24T08:02:11.000Z',
    },
  ],
};

export const portCallExamples = {
  timestampInput,
  input,
  importRow: { ...input, transportCallReference: 'NLRTM-9321483-2026W48' },
  listItem,
  portCall,
  event: { sequence: 1042, type: 'port_call.timestamp_added', occurredAt: '2026-11-24T08:02:11.000Z', portCall: listItem },
  importResult: {
    mode: 'per-row',
    rows: 2,
    applied: 1,
    failed: 1,
    results: [
      { row: 1, line: 2, transportCallReference: 'NLRTM-9321483-2026W48', outcome: 'created', id: 'pc_0k2m4n6p8q0r2s4t' },
      {
        row: 2,
        line: 3,
        transportCallReference: null,
        outcome: 'failed',
        issues: [{ path: ['vessel', 'vesselIMONumber'], message: 'is not a valid IMO number (check digit wrong, or a placeholder like 0000000)', code: 'custom' }],
      },
    ],
  },
};
