import { contractOnlyHook, createRouter } from '../../http/router.ts';
import {
  addTimestampHandler, getPortCallHandler, importPortCallsHandler, listPortCallsHandler, upsertPortCallHandler,
} from './port-calls.handlers.ts';
import {
  addTimestampRoute, getPortCallRoute, importPortCallsRoute, listPortCallsRoute, streamPortCallsRoute, upsertPortCallRoute,
} from './port-calls.routes.ts';
import { streamPortCalls } from './port-calls.stream.ts';

// `/stream` and `/import` before `/{id}`: routes match in the order they are added.
export const portCallsRouter = createRouter()
  .openapi(listPortCallsRoute, listPortCallsHandler)
  .openapi(streamPortCallsRoute, streamPortCalls)
  .openapi(importPortCallsRoute, importPortCallsHandler, contractOnlyHook)
  .openapi(getPortCallRoute, getPortCallHandler)
  .openapi(upsertPortCallRoute, upsertPortCallHandler)
  .openapi(addTimestampRoute, addTimestampHandler);
