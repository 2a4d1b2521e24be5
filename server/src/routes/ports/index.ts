import { createRoute } from '@hono/zod-openapi';
import { Port, PortQuery, pageOf } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { pageCursorsOf } from '../../http/page-cursor.ts';
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
    ...errorResponses(400, 401, 403, 422),
  },
});

export const portsRouter = createRouter().openapi(listPortsRoute, async (c) => {
  const { cursor, ...query } = c.req.valid('query');
  const cursors = pageCursorsOf(c);
  const after = cursors.open('ports', cursor)?.[0];
  const page = await searchPorts(c.get('sql'), c.get('scope'), { ...query, after });
  return c.json({ data: page.data, nextCursor: cursors.seal('ports', page.nextPosition) }, 200);
});
