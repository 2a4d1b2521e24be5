import type { RouteHandler } from '@hono/zod-openapi';
import type { RightsRequestStatus } from '@porttask/sdk/schemas';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../http/api-error.ts';
import { pageCursorsOf } from '../../http/page-cursor.ts';
import { queueMail } from '../../mail/mail-outbox.ts';
import type { MailTemplateData } from '../../mail/templates/index.ts';
import { answerWithExport, EXPORT_REQUEST_TYPES } from '../../rights/export/answer-with-export.ts';
import { staffExportView } from '../../rights/export/export-download.ts';
import { clockSettingsFor } from '../../rights/clock-settings.ts';
import { calendarDateIn, extendClock, type LegalClock } from '../../rights/clocks/index.ts';
import { appendRequestEvent, eventReasonPlace, requestPlace, type RequestEventName } from '../../rights/requests/rights-requests.queries.ts';
import { staffViewWithEvents, staffViews } from '../../rights/requests/staff-view.ts';
import { findStaffRequest, listStaffRequests, recordExtension, transitionRequest, type StaffRequestRow } from '../../rights/requests/staff.queries.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { findTenant } from '../../tenants/tenants.queries.ts';
import type { RightsServices } from './rights-requests.handlers.ts';
import type { addRightsRequestNoteRoute, approveRightsRequestRoute, completeRightsRequestRoute, denyRightsRequestRoute, extendRightsRequestRoute, listRightsRequestsRoute } from './rights-requests.staff.routes.ts';

type StaffContext = Parameters<RouteHandler<typeof approveRightsRequestRoute, AppEnv>>[0];
type StaffGetContext = Pick<StaffContext, 'get'> & { req: { url: string } };

export function rightsRequestStaffHandlers(services: RightsServices) {
  const { encryption, jobs } = services;

  async function tenantToday(c: Pick<StaffContext, 'get'>) {
    const tenant = await findTenant(c.get('sql'), c.get('scope').tenantId);
    if (!tenant) throw ApiError.notFound('The tenant');
    return { tenant, today: calendarDateIn(new Date(), clockSettingsFor(tenant.region).timeZone) };
  }

  async function requestOr404(c: Pick<StaffContext, 'get'>, id: string): Promise<StaffRequestRow> {
    const row = await findStaffRequest(c.get('sql'), c.get('scope'), id);
    if (!row) throw ApiError.notFound('The request');
    return row;
  }

  /** The event (reason encrypted under the requester's key), and a mail to them when the step has one. */
  async function record<Template extends keyof MailTemplateData>(c: StaffContext, row: StaffRequestRow, event: RequestEventName, options: { reason?: string; visible: boolean; mail?: { template: Template; data: MailTemplateData[Template] } }) {
    const sql = c.get('sql');
    const scope: DataScope = c.get('scope');
    const cipher = (await encryption.openSubjects(sql, scope, [row.subject_key_id])).get(row.subject_key_id) ?? null;
    await appendRequestEvent(sql, scope, row.id, {
      event, actor: 'staff', actorId: c.get('apiKey').id, visibleToRequester: options.visible,
      ...(options.reason !== undefined && cipher ? { reason: cipher.encrypt(options.reason, eventReasonPlace(row.id)) } : {}),
    });
    if (options.mail && cipher) {
      await queueMail(sql, jobs, scope, { recipient: cipher, to: cipher.decrypt(row.email, requestPlace(row.id, 'email')), template: options.mail.template, locale: row.locale, data: options.mail.data });
    }
  }

  async function transition(c: StaffContext, id: string, from: RightsRequestStatus[], to: RightsRequestStatus): Promise<StaffRequestRow> {
    const row = await requestOr404(c, id);
    if (!(await transitionRequest(c.get('sql'), c.get('scope'), id, from, to))) {
      throw new ApiError(409, 'INVALID_STATUS_TRANSITION', `A request that is ${row.status} cannot become ${to} (only from ${from.join(', ')}).`);
    }
    return row;
  }

  /** The whole request for staff (also what `GET /v1/rights-requests/{id}` answers a secret key). */
  async function staffGet(c: StaffGetContext, id: string) {
    const { today } = await tenantToday(c);
    const view = await staffViewWithEvents(c.get('sql'), encryption, c.get('scope'), await requestOr404(c, id), today);
    return { ...view, export: await staffExportView(c.get('sql'), services.exportLinks, c.get('scope'), id, new URL(c.req.url).origin) };
  }

  async function answer(c: StaffContext, id: string) {
    return c.json(await staffGet(c, id), 200);
  }

  const list: RouteHandler<typeof listRightsRequestsRoute, AppEnv> = async (c) => {
    const query = c.req.valid('query');
    const { today } = await tenantToday(c);
    // The cursor is bound to the filters too: a page of one filter cannot continue another.
    const list = `rights-requests?${JSON.stringify([query.status, query.type, query.due_before, query.overdue])}`;
    const cursors = pageCursorsOf(c);
    const before = cursors.open(list, query.cursor)?.[0];
    const rows = await listStaffRequests(c.get('sql'), c.get('scope'), {
      status: query.status, type: query.type, dueBefore: query.due_before, overdueOn: query.overdue === 'true' ? today : undefined,
      before: before === undefined ? undefined : BigInt(before), limit: query.limit,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return c.json({ data: await staffViews(c.get('sql'), encryption, c.get('scope'), page, today), nextCursor: cursors.seal(list, rows.length > query.limit && last ? [String(last.sequence)] : null) }, 200);
  };

  const approve: RouteHandler<typeof approveRightsRequestRoute, AppEnv> = async (c) => {
    const { id } = c.req.valid('param');
    const row = await transition(c, id, ['pending'], 'approved');
    await record(c, row, 'approved', { visible: true });
    return answer(c, id);
  };

  const deny: RouteHandler<typeof denyRightsRequestRoute, AppEnv> = async (c) => {
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const row = await transition(c, id, ['pending', 'approved', 'in_progress'], 'denied');
    const { tenant } = await tenantToday(c);
    await record(c, row, 'denied', { reason, visible: true, mail: { template: 'request_denied', data: { organisation: tenant.name, reference: id, reason } } });
    return answer(c, id);
  };

  const extend: RouteHandler<typeof extendRightsRequestRoute, AppEnv> = async (c) => {
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const row = await requestOr404(c, id);
    if (!['pending', 'approved', 'in_progress'].includes(row.status)) throw new ApiError(409, 'INVALID_STATUS_TRANSITION', `A request that is ${row.status} cannot be extended.`);
    const { tenant, today } = await tenantToday(c);
    const clock: LegalClock = {
      jurisdiction: row.jurisdiction, source: row.clock_source, receivedOn: row.received_on, dueOn: row.due_on, originalDueOn: row.original_due_on,
      ...(row.extended_on ? { extension: { extendedOn: row.extended_on, reason: '' } } : {}),
    };
    const result = extendClock(clock, today, reason);
    if (!result.ok) throw new ApiError(409, 'EXTENSION_REFUSED', result.message, [{ path: ['body', 'reason'], message: result.message, code: result.code.toLowerCase() }]);
    if (!(await recordExtension(c.get('sql'), c.get('scope'), id, result.clock.dueOn, today))) {
      throw new ApiError(409, 'EXTENSION_REFUSED', 'The request was extended (or closed) meanwhile.');
    }
    await record(c, row, 'extended', { reason, visible: true, mail: { template: 'request_extended', data: { organisation: tenant.name, reference: id, reason, dueOn: result.clock.dueOn } } });
    return answer(c, id);
  };

  const addNote: RouteHandler<typeof addRightsRequestNoteRoute, AppEnv> = async (c) => {
    const { id } = c.req.valid('param');
    const { note } = c.req.valid('json');
    await record(c, await requestOr404(c, id), 'note', { reason: note, visible: false });
    return answer(c, id);
  };

  const complete: RouteHandler<typeof completeRightsRequestRoute, AppEnv> = async (c) => {
    const { id } = c.req.valid('param');
    const row = await transition(c, id, ['approved', 'in_progress'], 'completed');
    const { tenant } = await tenantToday(c);
    if (EXPORT_REQUEST_TYPES.has(row.type)) {
      await record(c, row, 'completed', { visible: true });
      await answerWithExport(c.get('sql'), services, c.get('scope'), { id, organisation: tenant.name });
    } else {
      await record(c, row, 'completed', { visible: true, mail: { template: 'request_completed', data: { organisation: tenant.name, reference: id } } });
    }
    return answer(c, id);
  };

  return { list, approve, deny, extend, addNote, complete, staffGet };
}
