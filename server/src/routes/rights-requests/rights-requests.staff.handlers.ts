import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.ts';
import { pageCursorsOf } from '../../http/page-cursor.ts';
import { rightsStaffActions, type StaffActor } from '../../rights/requests/staff-actions.ts';
import { staffExportView } from '../../rights/export/export-download.ts';
import type { RightsServices } from './rights-requests.handlers.ts';
import type { addRightsRequestNoteRoute, approveRightsRequestRoute, completeRightsRequestRoute, denyRightsRequestRoute, extendRightsRequestRoute, listRightsRequestsRoute } from './rights-requests.staff.routes.ts';

type StaffContext = Parameters<RouteHandler<typeof approveRightsRequestRoute, AppEnv>>[0];
type StaffGetContext = Pick<StaffContext, 'get'> & { req: { url: string } };

/** The secret key's side of the rights routes: HTTP around rights/requests/staff-actions.ts (which the CLI uses too). */
export function rightsRequestStaffHandlers(services: RightsServices) {
  const actions = rightsStaffActions(services);

  // Who acted: the staff member's account when they signed in, else the secret key.
  const actorOf = (c: Pick<StaffContext, 'get'>): StaffActor => ({ sql: c.get('sql'), scope: c.get('scope'), actorId: c.get('staff')?.accountId ?? c.get('apiKey').id });

  /** The whole request for staff (also what `GET /v1/rights-requests/{id}` answers a secret key). */
  async function staffGet(c: StaffGetContext, id: string) {
    const view = await actions.get(actorOf(c), id);
    return { ...view, export: await staffExportView(c.get('sql'), services.exportLinks, c.get('scope'), id, new URL(c.req.url).origin) };
  }

  const list: RouteHandler<typeof listRightsRequestsRoute, AppEnv> = async (c) => {
    const query = c.req.valid('query');
    // The cursor is bound to the filters too: a page of one filter cannot continue another.
    const listName = `rights-requests?${JSON.stringify([query.status, query.type, query.due_before, query.overdue, ...(query.flag ? [query.flag] : [])])}`;
    const cursors = pageCursorsOf(c);
    const before = cursors.open(listName, query.cursor)?.[0];
    const page = await actions.list(actorOf(c), {
      status: query.status, type: query.type, dueBefore: query.due_before, overdue: query.overdue === 'true', flag: query.flag,
      before: before === undefined ? undefined : BigInt(before), limit: query.limit,
    });
    return c.json({ data: page.data, nextCursor: cursors.seal(listName, page.more && page.lastSequence ? [String(page.lastSequence)] : null) }, 200);
  };

  const approve: RouteHandler<typeof approveRightsRequestRoute, AppEnv> = async (c) =>
    c.json(await actions.approve(actorOf(c), c.req.valid('param').id), 200);

  const deny: RouteHandler<typeof denyRightsRequestRoute, AppEnv> = async (c) =>
    c.json(await actions.deny(actorOf(c), c.req.valid('param').id, c.req.valid('json').reason), 200);

  const extend: RouteHandler<typeof extendRightsRequestRoute, AppEnv> = async (c) =>
    c.json(await actions.extend(actorOf(c), c.req.valid('param').id, c.req.valid('json').reason), 200);

  const addNote: RouteHandler<typeof addRightsRequestNoteRoute, AppEnv> = async (c) =>
    c.json(await actions.addNote(actorOf(c), c.req.valid('param').id, c.req.valid('json').note), 200);

  const complete: RouteHandler<typeof completeRightsRequestRoute, AppEnv> = async (c) => {
    const { id } = c.req.valid('param');
    const { description } = c.req.valid('json');
    const view = await actions.complete(actorOf(c), id, description ? { description } : {});
    // An access or export request's bundle is queued by the completion: say so in the answer.
    return c.json({ ...view, export: await staffExportView(c.get('sql'), services.exportLinks, c.get('scope'), id, new URL(c.req.url).origin) }, 200);
  };

  return { list, approve, deny, extend, addNote, complete, staffGet };
}
