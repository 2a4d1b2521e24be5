import type { RightsRequest, RightsRequestStatus, RightsRequestWithEvents } from '@porttask/sdk/schemas';
import type { Queryable } from '../../db/connection.ts';
import { ApiError } from '../../http/api-error.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { queueMail } from '../../mail/mail-outbox.ts';
import type { MailTemplateData } from '../../mail/templates/index.ts';
import type { FieldEncryption } from '../../secrets/field-encryption.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { findTenant, type TenantRow } from '../../tenants/tenants.queries.ts';
import { answerWithExport, EXPORT_REQUEST_TYPES } from '../export/answer-with-export.ts';
import { announceToWebhooks, type AnnounceRightsEvent } from '../announcements.ts';
import { calendarDateIn, extendClock, type LegalClock } from '../clocks/index.ts';
import { eraseRequester } from '../fulfilment/erasure.ts';
import { tenantClockSettings } from '../settings/rights-settings.ts';
import { appendRequestEvent, eventReasonPlace, requestPlace, type RequestEventName } from './rights-requests.queries.ts';
import { staffViewWithEvents, staffViews } from './staff-view.ts';
import { findStaffRequest, listStaffRequests, OPEN_STATUSES, recordExtension, transitionRequest, type StaffListFilters, type StaffRequestRow } from './staff.queries.ts';

/** Who acts: the API key's id through the API, `cli:<user>` from `porttask rights`. */
export interface StaffActor {
  sql: Queryable;
  scope: DataScope;
  actorId: string;
}

export interface StaffActionServices {
  encryption: FieldEncryption;
  jobs: JobQueue;
  announce?: AnnounceRightsEvent;
}

/** Rights the requester's words must describe on completion: the record says what changed. */
const DESCRIBED_ON_COMPLETION = new Set(['correction', 'restriction', 'objection', 'objection_to_automated_decision']);

/**
 * Staff's work on rights requests, the same for the API (secret key) and the CLI: every
 * transition is checked by the state machine in SQL, recorded as an event naming the actor,
 * and mailed to the requester where the step has a mail. Run each call in one transaction.
 */
export function rightsStaffActions(services: StaffActionServices) {
  const { encryption, jobs } = services;
  const announce = services.announce ?? announceToWebhooks;

  async function tenantToday(actor: Pick<StaffActor, 'sql' | 'scope'>): Promise<{ tenant: TenantRow; today: string }> {
    const tenant = await findTenant(actor.sql, actor.scope.tenantId);
    if (!tenant) throw ApiError.notFound('The tenant');
    const settings = await tenantClockSettings(actor.sql, actor.scope, tenant);
    return { tenant, today: calendarDateIn(new Date(), settings.timeZone) };
  }

  async function requestOr404(actor: Pick<StaffActor, 'sql' | 'scope'>, id: string): Promise<StaffRequestRow> {
    const row = await findStaffRequest(actor.sql, actor.scope, id);
    if (!row) throw ApiError.notFound('The request');
    return row;
  }

  /** The event (reason encrypted under the requester's key), and a mail to them when the step has one. */
  async function record<Template extends keyof MailTemplateData>(actor: StaffActor, row: StaffRequestRow, event: RequestEventName, options: { reason?: string; visible: boolean; mail?: { template: Template; data: MailTemplateData[Template] } }) {
    const cipher = (await encryption.openSubjects(actor.sql, actor.scope, [row.subject_key_id])).get(row.subject_key_id) ?? null;
    await appendRequestEvent(actor.sql, actor.scope, row.id, {
      event, actor: 'staff', actorId: actor.actorId, visibleToRequester: options.visible,
      ...(options.reason !== undefined && cipher ? { reason: cipher.encrypt(options.reason, eventReasonPlace(row.id)) } : {}),
    });
    if (options.mail && cipher) {
      await queueMail(actor.sql, jobs, actor.scope, { recipient: cipher, to: cipher.decrypt(row.email, requestPlace(row.id, 'email')), template: options.mail.template, locale: row.locale, data: options.mail.data });
    }
  }

  async function transition(actor: StaffActor, id: string, from: RightsRequestStatus[], to: RightsRequestStatus): Promise<StaffRequestRow> {
    const row = await requestOr404(actor, id);
    if (!(await transitionRequest(actor.sql, actor.scope, id, from, to))) {
      throw new ApiError(409, 'INVALID_STATUS_TRANSITION', `A request that is ${row.status} cannot become ${to} (only from ${from.join(', ')}).`);
    }
    return row;
  }

  /** The whole request, decrypted, with every event. */
  async function get(actor: Pick<StaffActor, 'sql' | 'scope'>, id: string): Promise<RightsRequestWithEvents> {
    const { today } = await tenantToday(actor);
    return staffViewWithEvents(actor.sql, encryption, actor.scope, await requestOr404(actor, id), today);
  }

  /** One page, newest first; `more` when another follows `lastSequence`. */
  async function list(actor: Pick<StaffActor, 'sql' | 'scope'>, filters: Omit<StaffListFilters, 'overdueOn' | 'flagOn'> & { overdue?: boolean; flag?: StaffListFilters['flag'] }): Promise<{ data: RightsRequest[]; more: boolean; lastSequence?: string }> {
    const { today } = await tenantToday(actor);
    const rows = await listStaffRequests(actor.sql, actor.scope, { ...filters, overdueOn: filters.overdue ? today : undefined, flagOn: filters.flag ? today : undefined });
    const page = rows.slice(0, filters.limit);
    return { data: await staffViews(actor.sql, encryption, actor.scope, page, today), more: rows.length > filters.limit, lastSequence: page.at(-1)?.sequence };
  }

  async function approve(actor: StaffActor, id: string): Promise<RightsRequestWithEvents> {
    const row = await transition(actor, id, ['pending'], 'approved');
    await record(actor, row, 'approved', { visible: true });
    await announce(actor.sql, actor.scope, { event: 'rights_request.approved', request: { id, type: row.type, status: 'approved', dueOn: row.due_on, jurisdiction: row.jurisdiction } });
    return get(actor, id);
  }

  async function deny(actor: StaffActor, id: string, reason: string): Promise<RightsRequestWithEvents> {
    const row = await transition(actor, id, ['pending', 'approved', 'in_progress'], 'denied');
    const { tenant } = await tenantToday(actor);
    await record(actor, row, 'denied', { reason, visible: true, mail: { template: 'request_denied', data: { organisation: tenant.name, reference: id, reason } } });
    await announce(actor.sql, actor.scope, { event: 'rights_request.denied', request: { id, type: row.type, status: 'denied', dueOn: row.due_on, jurisdiction: row.jurisdiction } });
    return get(actor, id);
  }

  async function extend(actor: StaffActor, id: string, reason: string): Promise<RightsRequestWithEvents> {
    const row = await requestOr404(actor, id);
    if (!OPEN_STATUSES.includes(row.status)) throw new ApiError(409, 'INVALID_STATUS_TRANSITION', `A request that is ${row.status} cannot be extended.`);
    const { tenant, today } = await tenantToday(actor);
    const clock: LegalClock = {
      jurisdiction: row.jurisdiction, source: row.clock_source, receivedOn: row.received_on, dueOn: row.due_on, originalDueOn: row.original_due_on,
      ...(row.extended_on ? { extension: { extendedOn: row.extended_on, reason: '' } } : {}),
    };
    const result = extendClock(clock, today, reason);
    if (!result.ok) throw new ApiError(409, 'EXTENSION_REFUSED', result.message, [{ path: ['body', 'reason'], message: result.message, code: result.code.toLowerCase() }]);
    if (!(await recordExtension(actor.sql, actor.scope, id, result.clock.dueOn, today))) {
      throw new ApiError(409, 'EXTENSION_REFUSED', 'The request was extended (or closed) meanwhile.');
    }
    await record(actor, row, 'extended', { reason, visible: true, mail: { template: 'request_extended', data: { organisation: tenant.name, reference: id, reason, dueOn: result.clock.dueOn } } });
    await announce(actor.sql, actor.scope, { event: 'rights_request.extended', request: { id, type: row.type, status: row.status, dueOn: result.clock.dueOn, jurisdiction: row.jurisdiction } });
    return get(actor, id);
  }

  async function addNote(actor: StaffActor, id: string, note: string): Promise<RightsRequestWithEvents> {
    await record(actor, await requestOr404(actor, id), 'note', { reason: note, visible: false });
    return get(actor, id);
  }

  /**
   * approved or in progress → completed. A deletion erases the requester (fulfilment/erasure.ts)
   * and its last mail says what was kept and why; a correction, restriction or objection records
   * what staff did, which the requester is mailed and the partner is told.
   */
  async function complete(actor: StaffActor, id: string, options: { description?: string } = {}): Promise<RightsRequestWithEvents> {
    const current = await requestOr404(actor, id);
    if (DESCRIBED_ON_COMPLETION.has(current.type) && !options.description) {
      throw new ApiError(422, 'VALIDATION_FAILED', `Completing a ${current.type.replaceAll('_', ' ')} request needs a description of what was done.`,
        [{ path: ['body', 'description'], message: 'required for this type of request', code: 'description_required' }]);
    }
    const row = await transition(actor, id, ['approved', 'in_progress'], 'completed');
    const { tenant } = await tenantToday(actor);
    if (row.type === 'deletion') {
      await completeDeletion(actor, row, tenant, options.description);
    } else if (EXPORT_REQUEST_TYPES.has(row.type)) {
      // The bundle is built by a job; the requester's mail links to where it will appear.
      await record(actor, row, 'completed', { visible: true, ...(options.description ? { reason: options.description } : {}) });
      await answerWithExport(actor.sql, services, actor.scope, { id, organisation: tenant.name });
    } else {
      const data = { organisation: tenant.name, reference: id, ...(options.description ? { description: options.description } : {}) };
      await record(actor, row, 'completed', { visible: true, ...(options.description ? { reason: options.description } : {}), mail: { template: 'request_completed', data } });
    }
    await announce(actor.sql, actor.scope, { event: 'rights_request.completed', request: { id, type: row.type, status: 'completed', dueOn: row.due_on, jurisdiction: row.jurisdiction } });
    return get(actor, id);
  }

  async function completeDeletion(actor: StaffActor, row: StaffRequestRow, tenant: TenantRow, description: string | undefined): Promise<void> {
    const cipher = (await encryption.openSubjects(actor.sql, actor.scope, [row.subject_key_id])).get(row.subject_key_id) ?? null;
    const email = cipher ? cipher.decrypt(row.email, requestPlace(row.id, 'email')) : null;
    await record(actor, row, 'completed', { visible: true, ...(description ? { reason: description } : {}) });
    const erasure = await eraseRequester(actor.sql, encryption, actor.scope, row.id, email);
    if (email) {
      // The last mail goes under a key of its own, destroyed once the mail has left.
      const farewell = await encryption.createSubject(actor.sql, actor.scope);
      await queueMail(actor.sql, jobs, actor.scope, {
        recipient: farewell, to: email, template: 'request_erased', locale: row.locale, shredRecipientAfterSending: true,
        data: {
          organisation: tenant.name, reference: row.id, consentProofKept: erasure.consentProofKept,
          accountDeleted: erasure.account.accountDeleted, loginAuditKept: erasure.account.loginAuditShredded,
        },
      });
    }
  }

  return { tenantToday, get, list, approve, deny, extend, addNote, complete };
}

export type RightsStaffActions = ReturnType<typeof rightsStaffActions>;
