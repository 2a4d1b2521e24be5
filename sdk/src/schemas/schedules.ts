/** Vessel schedules: ports, vessels and port calls (DESIGN §7 "Schedules"). */
export * from './ports.ts';
export * from './vessels.ts';
export * from './port-calls.ts';
