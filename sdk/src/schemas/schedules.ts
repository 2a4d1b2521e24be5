/** Vessel schedules: ports, vessels and port calls (docs/schedules.md). */
export * from './ports.ts';
export * from './vessels.ts';
export * from './port-calls.ts';
