import type { RouteHandler } from '@hono/zod-openapi';
import type { RightsRequestStatusView, RightsRequestWithEvents } from '@porttask/sdk/schemas';
import type { AppEnv } from '../../app-env.ts';
import type { Queryable, Sql } from '../../db/connection.ts';
import { ApiError } from '../../http/api-error.ts';
import { newRequesterToken, newRightsRequestId } from '../../ids.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { queueMail } from '../../mail/mail-outbox.ts';
import type { AnnounceRightsEvent } from '../../rights/announcements.ts';
import { exportDownloadOf } from '../../rights/export/export-download.ts';
import type { ExportLinks } from '../../rights/export/export-links.ts';
import { clockSettingsFor } from '../../rights/clock-settings.ts';
import { strictestClock } from '../../rights/clocks/index.ts';
import { jurisdictionsGiving } from '../../rights/request-types.ts';
import { appendRequestEvent, eventReasonPlace, findRequestForRequester, insertRightsRequest, listRequestEvents, markCancelled, markVerified, recordCodeFailure, requesterTokenHash, requestPlace, type RightsRequestRow } from '../../rights/requests/rights-requests.queries.ts';
import { acceptedStatusPage } from '../../rights/requests/status-page.ts';
import { CODE_VALID_MINUTES, codeMatches, MAX_CODE_FAILURES, newVerificationCode, verificationCodeHash } from '../../rights/requests/verification-code.ts';
import { refuseUnlessAwaitingCode, resendVerificationCode } from '../../rights/requests/code-resend.ts';
import { tenantClockSettings } from '../../rights/settings/rights-settings.ts';
import type { FieldEncryption } from '../../secrets/field-encryption.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { findTenant } from '../../tenants/tenants.queries.ts';
import { emitRightsRequestEvent } from '../../webhooks/webhook-events.ts';
import { limitCodeResend, limitNewRightsRequest, limitRequesterCall } from './requester-limits.ts';
import type { cancelRightsRequestRoute, createRightsRequestRoute, getRightsRequestRoute, resendRightsRequestCodeRoute, verifyRightsRequestRoute } from './rights-requests.routes.ts';

/** What the rights routes need beyond the request: keys for personal data, the job queue, and the pool for writes that must outlive a refused request. */
export interface RightsServices {
  encryption: FieldEncryption;
  jobs: JobQueue;
  pool: Sql;
  /** Where completions are announced beyond PortTask (the partner's webhooks), when wired. */
  announce?: AnnounceRightsEvent;
  /** Signs and checks the export download links (a key derived from the master key). */
  exportLinks: ExportLinks;
}

const TIMELINE_EVENTS = new Set(['received', 'code_sent', 'code_resent', 'verified', 'locked', 'receipt_confirmed', 'approved', 'denied', 'extended', 'in_progress', 'completed', 'cancelled', 'expired', 'erased']);

async function tenantOf(sql: Queryable, scope: DataScope) {
  const tenant = await findTenant(sql, scope.tenantId);
  if (!tenant) throw ApiError.notFound('The tenant'); // the key was just found: only a race with deletion gets here
  return tenant;
}

/** The API's origin as the caller reached it: download links point back there. */
const apiOriginOf = (c: { req: { url: string } }) => new URL(c.req.url).origin;

async function statusView(services: RightsServices, sql: Queryable, scope: DataScope, request: RightsRequestRow, apiOrigin: string): Promise<RightsRequestStatusView> {
  const events = await listRequestEvents(sql, scope, request.id, { visibleToRequesterOnly: true });
  const cipher = (await services.encryption.openSubjects(sql, scope, [request.subject_key_id])).get(request.subject_key_id);
  const [current] = await sql<{ status: RightsRequestRow['status']; due_on: string; code_failures: number }[]>`
    SELECT status, due_on::text AS due_on, code_failures FROM rights_requests
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${request.id}`;
  return {
    id: request.id,
    type: request.type,
    status: current?.status ?? request.status,
    receivedAt: request.received_at.toISOString(),
    dueOn: current?.due_on ?? request.due_on,
    jurisdiction: request.jurisdiction,
    verificationAttemptsLeft: Math.max(0, MAX_CODE_FAILURES - (current?.code_failures ?? request.code_failures)),
    timeline: events
      .filter((event) => TIMELINE_EVENTS.has(event.event))
      .map((event) => ({
        event: event.event as RightsRequestStatusView['timeline'][number]['event'],
        at: event.occurred_at.toISOString(),
        ...(event.reason && cipher ? { reason: cipher.decrypt(event.reason, eventReasonPlace(request.id)) } : {}),
      })),
    ...(await exportDownloadOf(sql, services.exportLinks, scope, request.id, apiOrigin)),
  };
}

async function requestOfRequester(c: { get: (key: 'sql' | 'scope') => unknown }, id: string, token: string): Promise<RightsRequestRow> {
  const request = await findRequestForRequester(c.get('sql') as Queryable, c.get('scope') as DataScope, id, token);
  if (!request) throw ApiError.notFound('The request');
  return request;
}

export function rightsRequestHandlers(services: RightsServices) {
  const create: RouteHandler<typeof createRightsRequestRoute, AppEnv> = async (c) => {
    const input = c.req.valid('json');
    const sql = c.get('sql');
    const scope = c.get('scope');
    // Counted first, for any email (known or not) and any type: the limit answers alike.
    const emailIndex = await services.encryption.emailIndex(sql, scope, input.email);
    await limitNewRightsRequest(c, emailIndex);
    const tenant = await tenantOf(sql, scope);
    const jurisdictions = jurisdictionsGiving(input.type, tenant.jurisdictions);
    if (jurisdictions.length === 0) {
      throw new ApiError(422, 'REQUEST_TYPE_NOT_OFFERED', `"${input.type}" is not a right this organisation's laws (${tenant.jurisdictions.join(', ')}) give.`,
        [{ path: ['body', 'type'], message: 'not offered by this tenant', code: 'request_type_not_offered' }]);
    }
    const receivedAt = new Date();
    const clock = strictestClock(jurisdictions, receivedAt, await tenantClockSettings(sql, scope, tenant));
    const subject = await services.encryption.createSubject(sql, scope);
    const tenantKey = await services.encryption.tenantKey(sql, scope);
    const id = newRightsRequestId();
    const requesterToken = newRequesterToken();
    const code = newVerificationCode();
    const codeExpiresAt = new Date(receivedAt.getTime() + CODE_VALID_MINUTES * 60_000);
    await insertRightsRequest(sql, scope, {
      id,
      type: input.type,
      subjectKeyId: subject.id,
      emailIndex,
      email: subject.encrypt(input.email, requestPlace(id, 'email')),
      name: input.name ? subject.encrypt(input.name, requestPlace(id, 'name')) : null,
      details: input.details ? subject.encrypt(input.details, requestPlace(id, 'details')) : null,
      locale: input.locale,
      consentSubjectId: input.consentSubjectId ?? null,
      requesterTokenHash: requesterTokenHash(requesterToken),
      requesterToken: subject.encrypt(requesterToken, requestPlace(id, 'requester_token')),
      statusPageUrl: acceptedStatusPage(c.get('apiKey'), input.statusPageUrl),
      clock,
      receivedAt,
      codeHash: verificationCodeHash(tenantKey, id, code),
      codeExpiresAt,
    });
    await appendRequestEvent(sql, scope, id, { event: 'received', actor: 'requester', visibleToRequester: true });
    await queueMail(sql, services.jobs, scope, {
      recipient: subject, to: input.email, template: 'verification_code', locale: input.locale,
      data: { organisation: tenant.name, code, validMinutes: CODE_VALID_MINUTES },
    });
    await appendRequestEvent(sql, scope, id, { event: 'code_sent', actor: 'system', visibleToRequester: true });
    await emitRightsRequestEvent(sql, scope, 'rights_request.created', { id, type: input.type, status: 'identity_unverified', dueOn: clock.dueOn });
    return c.json({ id, requesterToken, status: 'identity_unverified' as const, codeExpiresAt: codeExpiresAt.toISOString() }, 202);
  };

  const verify: RouteHandler<typeof verifyRightsRequestRoute, AppEnv> = async (c) => {
    const { id } = c.req.valid('param');
    await limitRequesterCall(c);
    const request = await requestOfRequester(c, id, c.req.valid('header')['x-porttask-requester-token']);
    const sql = c.get('sql');
    const scope = c.get('scope');
    if (request.status === 'expired_unverified') {
      throw new ApiError(409, 'REQUEST_LOCKED', request.code_failures >= MAX_CODE_FAILURES
        ? 'This request is locked after 3 wrong codes; make a new request.'
        : 'This request was not verified within 24 hours and has expired; make a new request.');
    }
    if (request.status === 'cancelled') throw new ApiError(409, 'REQUEST_CLOSED', 'This request was cancelled.');
    if (request.status !== 'identity_unverified') throw new ApiError(409, 'REQUEST_ALREADY_VERIFIED', 'This request is already verified.');
    if (!request.code_expires_at || request.code_expires_at.getTime() < Date.now()) {
      throw new ApiError(422, 'VERIFICATION_CODE_EXPIRED', `The code was valid for ${CODE_VALID_MINUTES} minutes and has expired; make a new request.`);
    }
    const tenantKey = await services.encryption.tenantKey(sql, scope);
    if (!codeMatches(request.code_hash, verificationCodeHash(tenantKey, id, c.req.valid('json').code))) {
      // Through the pool, not the request's transaction: a refused answer rolls that back,
      // and the failure must count.
      const failures = await services.pool.begin(async (transaction) => {
        const counted = await recordCodeFailure(transaction, scope, id, MAX_CODE_FAILURES);
        if (counted !== undefined) {
          await appendRequestEvent(transaction, scope, id, { event: 'verification_failed', actor: 'requester', visibleToRequester: false });
          if (counted >= MAX_CODE_FAILURES) await appendRequestEvent(transaction, scope, id, { event: 'locked', actor: 'system', visibleToRequester: true });
        }
        return counted ?? MAX_CODE_FAILURES;
      });
      if (failures >= MAX_CODE_FAILURES) throw new ApiError(409, 'REQUEST_LOCKED', 'Wrong code, for the third time: this request is locked; make a new request.');
      const left = MAX_CODE_FAILURES - failures;
      throw new ApiError(422, 'VERIFICATION_CODE_INCORRECT', `Wrong code; ${left} ${left === 1 ? 'try' : 'tries'} left.`,
        [{ path: ['body', 'code'], message: 'does not match the code sent', code: 'verification_code_incorrect' }]);
    }
    if (!(await markVerified(sql, scope, id))) throw new ApiError(409, 'REQUEST_ALREADY_VERIFIED', 'This request is already verified.');
    await appendRequestEvent(sql, scope, id, { event: 'verified', actor: 'requester', visibleToRequester: true });
    await emitRightsRequestEvent(sql, scope, 'rights_request.verified', { id, type: request.type, status: 'pending', dueOn: request.due_on });
    const tenant = await tenantOf(sql, scope);
    const recipient = (await services.encryption.openSubjects(sql, scope, [request.subject_key_id])).get(request.subject_key_id);
    if (recipient) {
      await queueMail(sql, services.jobs, scope, {
        recipient, to: recipient.decrypt(request.email, requestPlace(id, 'email')), template: 'request_received', locale: request.locale,
        data: { organisation: tenant.name, reference: id, dueOn: request.due_on },
      });
      await appendRequestEvent(sql, scope, id, { event: 'receipt_confirmed', actor: 'system', visibleToRequester: true });
    }
    return c.json(await statusView(services, sql, scope, request, apiOriginOf(c)), 200);
  };

  /** The requester's view with a publishable key and their token; the staff view with a secret key or a staff access token. */
  const get = (staffGet: (c: Parameters<RouteHandler<typeof getRightsRequestRoute, AppEnv>>[0], id: string) => Promise<RightsRequestWithEvents>): RouteHandler<typeof getRightsRequestRoute, AppEnv> => async (c) => {
    const { id } = c.req.valid('param');
    if (c.get('apiKey').kind === 'secret' || c.get('staff') !== undefined) return c.json(await staffGet(c, id), 200);
    await limitRequesterCall(c);
    const token = c.req.valid('header')['x-porttask-requester-token'];
    if (!token) throw new ApiError(401, 'INVALID_REQUESTER_TOKEN', 'Send the requester token from the request\'s creation in X-PortTask-Requester-Token.');
    const request = await requestOfRequester(c, id, token);
    return c.json(await statusView(services, c.get('sql'), c.get('scope'), request, apiOriginOf(c)), 200);
  };

  const cancel: RouteHandler<typeof cancelRightsRequestRoute, AppEnv> = async (c) => {
    const { id } = c.req.valid('param');
    await limitRequesterCall(c);
    const request = await requestOfRequester(c, id, c.req.valid('header')['x-porttask-requester-token']);
    const sql = c.get('sql');
    const scope = c.get('scope');
    if (!(await markCancelled(sql, scope, id))) throw new ApiError(409, 'REQUEST_CLOSED', `This request is ${request.status.replace('_', ' ')} and can no longer be cancelled.`);
    await appendRequestEvent(sql, scope, id, { event: 'cancelled', actor: 'requester', visibleToRequester: true });
    return c.json(await statusView(services, sql, scope, request, apiOriginOf(c)), 200);
  };

  const resendCode: RouteHandler<typeof resendRightsRequestCodeRoute, AppEnv> = async (c) => {
    const { id } = c.req.valid('param');
    await limitRequesterCall(c);
    const request = await requestOfRequester(c, id, c.req.valid('header')['x-porttask-requester-token']);
    refuseUnlessAwaitingCode(request);
    const sql = c.get('sql');
    const scope = c.get('scope');
    // Counted like a new request for the same address (per email, by its blind index) and at most once a minute per request.
    const [indexed] = await sql<{ email_index: Buffer }[]>`
      SELECT email_index FROM rights_requests WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${id}`;
    await limitCodeResend(c, id, indexed!.email_index);
    const tenant = await tenantOf(sql, scope);
    const resent = await resendVerificationCode(sql, services, scope, request, tenant.name);
    return c.json({ id, status: 'identity_unverified' as const, codeExpiresAt: resent.codeExpiresAt.toISOString(), resendsLeft: resent.resendsLeft }, 202);
  };

  return { create, verify, get, cancel, resendCode };
}
