import { createRoute } from '@hono/zod-openapi';
import { Vessel, VesselQuery, pageOf } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { pageCursorsOf } from '../../http/page-cursor.ts';
import { createRouter } from '../../http/router.ts';
import { anyKeyAuth, errorResponses, jsonResponse } from '../../openapi/responses.ts';
import { searchVessels } from '../../schedules/vessels.queries.ts';

export const listVesselsRoute = createRoute({
  method: 'get',
  path: '/v1/vessels',
  tags: ['schedules'],
  summary: 'Search the tenant\'s vessels (type-ahead)',
  description: 'By name (contains), or IMO / MMSI number (prefix) when the query is digits.',
  security: anyKeyAuth,
  middleware: [requireKey('publishable', 'secret')] as const,
  request: { query: VesselQuery },
  responses: {
    200: jsonResponse(pageOf(Vessel).meta({ id: 'VesselPage' }), 'Matching vessels, by name.'),
    ...errorResponses(400, 401, 403, 422),
  },
});

export const vesselsRouter = createRouter().openapi(listVesselsRoute, async (c) => {
  const { cursor, ...query } = c.req.valid('query');
  const cursors = pageCursorsOf(c);
  const after = cursors.open('vessels', cursor);
  const page = await searchVessels(c.get('sql'), c.get('scope'), { ...query, after });
  return c.json({ data: page.data, nextCursor: cursors.seal('vessels', page.nextPosition) }, 200);
});
