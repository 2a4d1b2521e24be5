import type { RouteHandler } from '@hono/zod-openapi';
import type { ConsentRecord } from '@porttask/sdk/schemas';
import type { AppEnv } from '../../app-env.ts';
import { consentRules, type ConsentRules } from '../../consents/consent-rules-cache.ts';
import { consentAppenderFor } from '../../consents/consent-appender.ts';
import { findConsentRecord, findConsentRecordByKey, listConsentRecords } from '../../consents/consents.queries.ts';
import type { Sql } from '../../db/connection.ts';
import { ApiError } from '../../http/api-error.ts';
import { pageCursorsOf } from '../../http/page-cursor.ts';
import { clientIp } from '../../http/client-ip.ts';
import { idempotencyOf } from '../../http/unit-of-work.ts';
import { newReceiptId } from '../../ids.ts';
import type { getConsentRoute, listConsentsRoute, recordConsentRoute } from './consents.routes.ts';

const MAX_USER_AGENT_LENGTH = 1000;

/** Why the tenant's rules refuse this decision, or undefined when they accept it. */
function refusal({ config, policyExists }: ConsentRules, input: { choices: Record<string, boolean>; policyVersion: string }): ApiError | undefined {
  // A tenant has a handful of purposes: a scan allocates nothing on the hot path, a Set would.
  const unknown = Object.keys(input.choices).filter((key) => !config.purposes.some((purpose) => purpose.key === key));
  if (unknown.length > 0) {
    return new ApiError(422, 'UNKNOWN_PURPOSE', `Unknown purpose ${unknown.map((key) => `"${key}"`).join(', ')}; this tenant's purposes are ${config.purposes.map((purpose) => purpose.key).join(', ')}.`,
      unknown.map((key) => ({ path: ['body', 'choices', key], message: 'not a purpose of this tenant', code: 'unknown_purpose' })));
  }
  const refusedRequired = config.purposes.filter((purpose) => purpose.required && input.choices[purpose.key] === false);
  if (refusedRequired.length > 0) {
    return new ApiError(422, 'REQUIRED_PURPOSE_REFUSED', `"${refusedRequired[0]!.key}" is strictly necessary and cannot be refused.`,
      refusedRequired.map((purpose) => ({ path: ['body', 'choices', purpose.key], message: 'strictly necessary', code: 'required_purpose_refused' })));
  }
  if (!policyExists) {
    return new ApiError(422, 'UNKNOWN_POLICY_VERSION', `Policy version "${input.policyVersion}" was never published by this tenant.`,
      [{ path: ['body', 'policyVersion'], message: 'no such policy version', code: 'unknown_policy_version' }]);
  }
  return undefined;
}

export const recordConsent: RouteHandler<typeof recordConsentRoute, AppEnv> = async (c) => {
  const input = c.req.valid('json');
  const scope = c.get('scope');
  let rules = await consentRules(c.get('sql'), scope, input.policyVersion);
  let refused = rules && refusal(rules, input);
  if (refused) {
    rules = await consentRules(c.get('sql'), scope, input.policyVersion, { fresh: true });
    refused = rules && refusal(rules, input);
  }
  if (!rules) throw ApiError.notFound('The tenant');
  if (refused) throw refused;
  // A visitor makes a handful of decisions a day; nobody may fill a subject's history. Counted
  // once the decision is known to be acceptable: a refused one does not use up the subject's day.
  const limits = c.get('rateLimits');
  const { consentsPerSubjectPerDay } = await limits.tenantLimits(c);
  await limits.consume(c, 'consent-subject', `${scope.tenantId}:${scope.environment}:${input.subjectId}`, consentsPerSubjectPerDay, 86_400);
  const { config } = rules;
  // The record holds every purpose: required ones granted, optional ones left out refused.
  const choices: Record<string, boolean> = {};
  for (const purpose of config.purposes) choices[purpose.key] = purpose.required || input.choices[purpose.key] === true;
  // The receipt is built here, so the one statement that appends it can also store it as the
  // idempotent answer (see unitOfWork's singleStatementRoutes).
  const receipt: ConsentRecord = {
    receiptId: newReceiptId(),
    subjectId: input.subjectId,
    choices,
    policyVersion: input.policyVersion,
    bannerTextHash: input.bannerTextHash,
    locale: input.locale,
    source: input.source,
    // The browser's own GPC header backs the banner's flag (a record made via the API may lack it).
    gpc: input.gpc || c.req.header('Sec-GPC') === '1',
    ipAddress: clientIp(c) ?? null,
    userAgent: c.req.header('User-Agent')?.slice(0, MAX_USER_AGENT_LENGTH) ?? null,
    decidedAt: input.decidedAt ? new Date(input.decidedAt).toISOString() : null,
    recordedAt: new Date().toISOString(),
  };
  const idempotency = await idempotencyOf(c);
  // Outside any transaction (see unitOfWork's singleStatementRoutes), c.get('sql') is the pool.
  const appended = await consentAppenderFor(c.get('sql') as Sql).append({ record: { scope, ...receipt }, idempotency });
  if (!appended && idempotency) {
    // An earlier attempt with this key was recorded: answer with that decision.
    const earlier = await findConsentRecordByKey(c.get('sql'), scope, idempotency.key);
    if (!earlier) throw new ApiError(409, 'CONFLICT', 'This decision raced with another one; send it again.');
    if (!earlier.requestHash.equals(idempotency.hash)) {
      throw new ApiError(409, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request. Use a new key for a new request.');
    }
    c.header('Idempotent-Replayed', 'true');
    return c.json(earlier.record, 201);
  }
  return c.json(receipt, 201);
};

export const getConsent: RouteHandler<typeof getConsentRoute, AppEnv> = async (c) => {
  const record = await findConsentRecord(c.get('sql'), c.get('scope'), c.req.valid('param').receiptId);
  if (!record) throw ApiError.notFound('The consent record');
  return c.json(record, 200);
};

export const listConsents: RouteHandler<typeof listConsentsRoute, AppEnv> = async (c) => {
  const { subjectId, cursor, limit } = c.req.valid('query');
  // Bound to the subject too: a cursor of one subject's history cannot page through another's.
  const list = `consents:${subjectId}`;
  const cursors = pageCursorsOf(c);
  const after = cursors.open(list, cursor)?.[0];
  const page = await listConsentRecords(c.get('sql'), { scope: c.get('scope'), subjectId, after: after === undefined ? undefined : BigInt(after), limit });
  return c.json({ data: page.records, nextCursor: cursors.seal(list, page.more && page.lastSequence ? [page.lastSequence] : null) }, 200);
};
