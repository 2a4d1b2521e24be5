import { createRouter } from '../../http/router.ts';
import { getConfig } from './config.handlers.ts';
import { getConfigRoute } from './config.routes.ts';

export const configRouter = createRouter().openapi(getConfigRoute, getConfig);
