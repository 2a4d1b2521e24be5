import { createRoute } from '@hono/zod-openapi';
import { Port, PortQuery, pageOf } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { createRouter } from '../../http/router.ts';
import { anyKeyAuth, errorResponses, jsonResponse } from '../../openapi/responses.ts';
import { searchPorts } from '../../schedules/ports.queries.ts';

export const listPortsRoute = createRoute({
  method: 'get',
  path: '/v1/ports',
  tags: ['schedules'],
  summary: 'Search the tenant\'s ports (type-ahead)',
  description: 'Ports the tenant\'s port calls use, by UN/LOCODE prefix or name.',
  security: anyKeyAuth,
  middleware: [requireKey('publishable', 'secret')] as const,
  request: { query: PortQuery },
  responses: {
    200: jsonResponse(pageOf(Port).meta({ id: 'PortPage' }), 'Matching ports, by LOCODE.'),
    ...errorResponses(401, 403, 422),
  },
});

export const portsRouter = createRouter().openapi(listPortsRoute, async (c) => {
  return c.json(await searchPorts(c.get('sql'), c.get('tenantId'), c.req.valid('query')), 200);
});
