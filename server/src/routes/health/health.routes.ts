import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { ErrorResponse } from '@porttask/sdk/schemas';
import { jsonResponse } from '../../openapi/responses.ts';

export const HealthStatus = z.object({ status: z.literal('ok') }).meta({ id: 'HealthStatus' });

export const livenessRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['health'],
  summary: 'Liveness: the process answers',
  responses: { 200: jsonResponse(HealthStatus, 'The process is alive.') },
});

export const readinessRoute = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['health'],
  summary: 'Readiness: the database answers',
  responses: {
    200: jsonResponse(HealthStatus, 'Ready to serve traffic.'),
    503: jsonResponse(ErrorResponse, 'The database does not answer; take this process out of rotation.'),
  },
});
