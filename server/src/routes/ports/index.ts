import { Port, PortQuery, pageOf } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { pageCursorsOf } from '../../http/page-cursor.ts';
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
  const { cursor, ...query } = c.req.valid('query');
  const cursors = pageCursorsOf(c);
  const after = cursors.open('ports', cursor)?.[0];
  const page = await searchPorts(c.get('sql'), c.get('scope'), { ...query, after });
  return c.json({ data: page.data, nextCursor: cursors.seal('ports', page.nextPosition) }, 200);
});
