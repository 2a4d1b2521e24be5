/*
 * Which rights each law gives (and so which a tenant's form offers): one table for the API and
 * the widgets, kept with the contract's helpers in the SDK (sdk/src/rights/offered-request-types.ts).
 */
export { jurisdictionsGiving, offeredRequestTypes, RIGHTS_BY_JURISDICTION } from '@porttask/sdk';
