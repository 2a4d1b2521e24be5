/**
 * The contract between the API and its clients, written once. The server validates with
 * these schemas and generates its OpenAPI document from them; the SDK and widgets import
 * only their types, so zod never reaches a browser bundle through the SDK.
 * One file per resource.
 */
export * from './common.ts';
export * from './errors.ts';
export * from './pagination.ts';
export * from './config.ts';
export * from './consents.ts';
export * from './schedules.ts';
export * from './api-keys.ts';
export * from './audit.ts';
export * from './users.ts';
export * from './rights-requests.ts';
export * from './rights-settings.ts';
export * from './webhooks.ts';
export * from './auth.ts';
export * from './rights-request-exports.ts';
export * from './sign-up-settings.ts';
