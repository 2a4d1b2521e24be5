export { createClient, PortTaskClient } from './client.ts';
export type { ClientOptions, RequestOptions } from './core/http.ts';
export { PageIterator } from './core/pagination.ts';
export * from './errors.ts';
// Types only: the schemas' runtime (zod) stays out of browser bundles.
export type * from './schemas/index.ts';
