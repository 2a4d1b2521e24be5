import * as z from 'zod';
import { apiRoute } from '../../openapi/operation.ts';
import { jsonResponse } from '../../openapi/responses.ts';

export const HealthStatus = z.object({ status: z.literal('ok') }).meta({ id: 'HealthStatus', examples: [{ status: 'ok' }] });

export const livenessRoute = apiRoute({
  operationId: 'checkLiveness',
  method: 'get',
  path: '/healthz',
  tags: ['health'],
  summary: 'Liveness: the process answers',
  description: 'For a process supervisor: answers without touching the database. Needs no key and is not rate-limited.',
  security: [],
  probe: 'liveness',
  sdk: null,
  responses: { 200: jsonResponse(HealthStatus, 'The process is alive.') },
});

export const readinessRoute = apiRoute({
  operationId: 'checkReadiness',
  method: 'get',
  path: '/readyz',
  tags: ['health'],
  summary: 'Readiness: the database answers',
  description: 'For a load balancer: **200** when the database answers within 2 seconds, else **503**: take this process out of rotation until it recovers. Needs no key.',
  security: [],
  probe: 'readiness',
  sdk: null,
  responses: {
    200: jsonResponse(HealthStatus, 'Ready to serve traffic.'),
  },
});
