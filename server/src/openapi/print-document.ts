/**
 * Prints the OpenAPI document (`/openapi.json`) without a database or a server, for the
 * linters and anyone who wants the file:
 *
 *   node --conditions=source --import tsx server/src/openapi/print-document.ts > openapi.json
 */
import { createApp } from '../app.ts';
import { createJobQueue } from '../jobs/job-queue.ts';
import { createLogger } from '../logger.ts';
import { createFieldEncryption } from '../secrets/field-encryption.ts';
import { masterKeyring } from '../secrets/master-keyring.ts';
import { openApiDocument } from './document.ts';

/**
 * The app as `porttask serve` builds it (every route, the rights requests' included), but on no
 * database: for the document and the reference page only. Building it touches no database, and
 * its job queue is never started.
 */
export function documentationApp() {
  const logger = createLogger('silent');
  const jobs = createJobQueue(undefined as never, logger);
  return createApp({ db: { sql: undefined } as never, logger, masterKey: Buffer.alloc(32), rights: { encryption: createFieldEncryption(masterKeyring(Buffer.alloc(32))), jobs } });
}

/** The document as the API serves it from `serverUrl`. */
export function buildOpenApiDocument(serverUrl = 'https://api.porttask.example') {
  return openApiDocument(documentationApp(), serverUrl);
}

if (process.argv[1] === import.meta.filename) {
  process.stdout.write(`${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
}
