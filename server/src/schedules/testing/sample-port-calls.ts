import type { PortCallInput } from '@porttask/sdk/schemas';

/** Real vessels (IMO numbers with valid check digits) for tests, demos and benches. */
export const SAMPLE_VESSELS = [
  { vesselIMONumber: '9321483', vesselName: 'EMMA MAERSK', MMSINumber: '220417000', vesselCallSign: 'OYGR2' },
  { vesselIMONumber: '9811000', vesselName: 'EVER GIVEN', MMSINumber: '353136000', vesselCallSign: 'H3RC' },
  { vesselIMONumber: '9454436', vesselName: 'MSC OSCAR' },
  { vesselIMONumber: '9703291', vesselName: 'CMA CGM ANTOINE DE SAINT EXUPERY' },
  { vesselIMONumber: '9776171', vesselName: 'HMM ALGECIRAS' },
] as const;

/** A planned call at Rotterdam, with a plan and an estimate for arrival and departure. */
export function samplePortCall(overrides: Partial<PortCallInput> = {}): PortCallInput {
  return {
    UNLocationCode: 'NLRTM',
    facilitySMDGCode: 'ECTDE',
    terminalName: 'ECT Delta',
    berth: 'DDE 3',
    vessel: { ...SAMPLE_VESSELS[0] },
    carrierServiceCode: 'AE1',
    carrierImportVoyageNumber: '448W',
    carrierExportVoyageNumber: '449E',
    source: 'test agency',
    timestamps: [
      { eventTypeCode: 'ARRI', classifierCode: 'PLN', facilityTypeCode: 'PBPL', dateTime: '2026-11-26T06:00:00+01:00' },
      { eventTypeCode: 'DEPA', classifierCode: 'PLN', facilityTypeCode: 'BRTH', dateTime: '2026-11-27T18:00:00+01:00' },
      { eventTypeCode: 'ARRI', classifierCode: 'EST', facilityTypeCode: 'PBPL', dateTime: '2026-11-26T08:30:00+01:00', delayReasonCode: 'WEA' },
    ],
    ...overrides,
  };
}
