/**
 * Prints the OpenAPI document (`/openapi.json`) without a database or a server, for the
 * linters and anyone who wants the file:
 *
 *   node --conditions=source --import tsx server/src/openapi/print-document.ts > openapi.json
 */
import { createApp } from '../app.ts';
import { createLogger } from '../logger.ts';
import { openApiDocument } from './document.ts';

/** The document as the API serves it from `serverUrl`; building the app touches no database (nor the master key: no cursor is sealed). */
export function buildOpenApiDocument(serverUrl = 'https://api.porttask.example') {
  const app = createApp({ db: { sql: undefined } as never, logger: createLogger('silent'), masterKey: Buffer.alloc(32) });
  return openApiDocument(app, serverUrl);
}

if (process.argv[1] === import.meta.filename) {
  process.stdout.write(`${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
}
