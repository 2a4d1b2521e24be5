import { createApp } from '/work/wt/apiref/server/src/app.ts';
import { createLogger } from '/work/wt/apiref/server/src/logger.ts';
import { openApiDocument } from '/work/wt/apiref/server/src/openapi/document.ts';
const app = createApp({ db: { sql: undefined } as never, logger: createLogger('silent') });
console.log(JSON.stringify(openApiDocument(app, 'https://api.porttask.example'), null, 1));
