import { Port, PortQuery, pageOf } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { createRouter } from '../../http/router.ts';
import { apiRoute } from '../../openapi/operation.ts';
import { anyKeyAuth, jsonResponse } from '../../openapi/responses.ts';
import { searchPorts } from '../../schedules/ports.queries.ts';

export const listPortsRoute = apiRoute({
  operationId: 'listPorts',
  method: 'get',
  path: '/v1/ports',
  tags: ['schedules'],
  summary: 'Search the tenant\'s ports (type-ahead)',
  description: 'Ports the tenant\'s port calls use, by UN/LOCODE prefix or name (contains), ordered by LOCODE; default page size 20.',
  security: anyKeyAuth,
  middleware: [requireKey('publishable', 'secret')] as const,
  sdk: "const { data: ports } = await client.ports.list({ q: 'rott' });",
  request: { query: PortQuery },
  responses: {
    200: jsonResponse(pageOf(Port, 'PortPage'), 'Matching ports, by LOCODE.'),
  },
});

export const portsRouter = createRouter().openapi(listPortsRoute, async (c) => {
  return c.json(await searchPorts(c.get('sql'), c.get('tenantId'), c.req.valid('query')), 200);
});
