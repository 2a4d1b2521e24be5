import { Vessel, VesselQuery, pageOf } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { pageCursorsOf } from '../../http/page-cursor.ts';
import { createRouter } from '../../http/router.ts';
import { apiRoute } from '../../openapi/operation.ts';
import { anyKeyAuth, jsonResponse } from '../../openapi/responses.ts';
import { searchVessels } from '../../schedules/vessels.queries.ts';

export const listVesselsRoute = apiRoute({
  operationId: 'listVessels',
  method: 'get',
  path: '/v1/vessels',
  tags: ['schedules'],
  summary: 'Search the tenant\'s vessels (type-ahead)',
  description: 'By name (contains), or IMO / MMSI number (prefix) when the query is digits, ordered by name; default page size 20.',
  security: anyKeyAuth,
  middleware: [requireKey('publishable', 'secret')] as const,
  sdk: "const { data: vessels } = await client.vessels.list({ q: 'maersk' });",
  request: { query: VesselQuery },
  responses: {
    200: jsonResponse(pageOf(Vessel, 'VesselPage'), 'Matching vessels, by name.'),
  },
});

export const vesselsRouter = createRouter().openapi(listVesselsRoute, async (c) => {
  const { cursor, ...query } = c.req.valid('query');
  const cursors = pageCursorsOf(c);
  const after = cursors.open('vessels', cursor);
  const page = await searchVessels(c.get('sql'), c.get('scope'), { ...query, after });
  return c.json({ data: page.data, nextCursor: cursors.seal('vessels', page.nextPosition) }, 200);
});
