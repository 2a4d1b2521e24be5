import * as z from 'zod';
import { HttpUrl, isoDate, isoDateTime } from './common.ts';
import { Jurisdiction } from './config.ts';
import { RightsRequestExportView } from './rights-request-exports.ts';
import { rightsRequestExamples } from './examples/rights-requests.ts';
import { RightsRequestType } from './rights-form.ts';

/*
 * Privacy-rights requests: what a visitor asks of the partner (access, deletion, …), verified
 * by a code sent to their email, answered within the deadline the tenant's law sets.
 */

export { RightsRequestType } from './rights-form.ts';

export const RightsRequestStatus = z
  .enum(['identity_unverified', 'pending', 'approved', 'denied', 'in_progress', 'completed', 'cancelled', 'expired_unverified'])
  .meta({ id: 'RightsRequestStatus' });
export type RightsRequestStatus = z.infer<typeof RightsRequestStatus>;

export const RightsRequestId = z.string().max(23).regex(/^rr_[0-9a-z]{20}$/).meta({ id: 'RightsRequestId', example: 'rr_8k2m4n6p8q0r2s4t6v8w' });
export const RequesterToken = z
  .string()
  .max(36)
  .regex(/^rqt_[0-9a-z]{32}$/)
  .meta({ id: 'RequesterToken', description: 'Proves the caller made the request; send it as `X-PortTask-Requester-Token`.', example: 'rqt_0a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p' });

const RightsLocale = z.enum(['en', 'da', 'de', 'hi']).meta({ description: 'Language of the mails and the export README.' });

export const NewRightsRequest = z
  .object({
    type: RightsRequestType,
    email: z.email().max(254).meta({ example: 'ana.requester@example.com' }),
    name: z.string().trim().min(1).max(200).optional(),
    details: z.string().trim().min(1).max(5000).optional().meta({ description: 'What the requester wants, in their words (e.g. what to correct).' }),
    locale: RightsLocale.default('en'),
    consentSubjectId: z
      .string()
      .max(64)
      .regex(/^[A-Za-z0-9_-]{8,64}$/)
      .optional()
      .meta({ description: 'The device\'s anonymous consent subject id, so an access request also covers this browser\'s consent records.' }),
    statusPageUrl: HttpUrl.optional().meta({
      description: 'The partner\'s page with `<porttask-request-status>`, on one of the publishable key\'s origins: the completion mail links there, ' +
        'with the request id and token in the URL fragment.',
      example: 'https://portal.example.com/privacy/request',
    }),
  })
  .meta({ id: 'NewRightsRequest', examples: [rightsRequestExamples.newRequest] });
export type NewRightsRequest = z.input<typeof NewRightsRequest>;

export const RightsRequestCreated = z
  .object({
    id: RightsRequestId,
    requesterToken: RequesterToken,
    status: z.literal('identity_unverified'),
    codeExpiresAt: isoDateTime(),
  })
  .meta({ id: 'RightsRequestCreated', examples: [rightsRequestExamples.created], description: 'The same answer whether or not the email is known: the code goes to the address given.' });
export type RightsRequestCreated = z.infer<typeof RightsRequestCreated>;

export const VerifyRightsRequest = z
  .object({ code: z.string().max(6).regex(/^\d{6}$/, 'must be the 6 digits from the mail').meta({ example: '481516' }) })
  .meta({ id: 'VerifyRightsRequest', examples: [rightsRequestExamples.verify] });
export type VerifyRightsRequest = z.infer<typeof VerifyRightsRequest>;

/** Every step in a request's history. */
export const RightsRequestEventName = z
  .enum([
    'received', 'code_sent', 'verification_failed', 'locked', 'verified', 'receipt_confirmed', 'approved', 'denied', 'extended', 'note', 'in_progress',
    'completed', 'cancelled', 'expired', 'code_resent', 'erased', 'due_soon', 'overdue',
  ])
  .meta({
    id: 'RightsRequestEventName',
    description: 'expired: an unverified request timed out; erased: the requester\'s personal data was shredded; due_soon, overdue: the deadline announcements staff got.',
  });

export const RightsRequestTimelineEntry = z
  .object({
    // Failed code attempts and staff notes are not the requester's to see.
    event: RightsRequestEventName.exclude(['verification_failed', 'note', 'due_soon', 'overdue']),
    at: isoDateTime(),
    reason: z.string().max(2000).optional().meta({ description: 'Why (a denial\'s or an extension\'s reasons).' }),
  })
  .meta({ id: 'RightsRequestTimelineEntry' });

/** What the requester sees of their request. */
export const RightsRequestStatusView = z
  .object({
    id: RightsRequestId,
    type: RightsRequestType,
    status: RightsRequestStatus,
    receivedAt: isoDateTime(),
    dueOn: isoDate().meta({ description: 'The last day the law gives for the answer (in the organisation\'s time zone).' }),
    jurisdiction: Jurisdiction,
    verificationAttemptsLeft: z.number().int().min(0).max(3),
    timeline: z.array(RightsRequestTimelineEntry),
    downloadUrl: z.string().max(2048).optional().meta({
      description: 'Once an access or export request is answered and its bundle is built: the signed link to the ZIP (valid 7 days). ' +
        'Fetch it with the publishable key in `X-PortTask-Key`.',
    }),
    downloadExpiresAt: isoDateTime().optional().meta({ description: 'When `downloadUrl` stops working.' }),
  })
  .meta({ id: 'RightsRequestStatusView', examples: [rightsRequestExamples.statusView] });
export type RightsRequestStatusView = z.infer<typeof RightsRequestStatusView>;

/* Staff side (secret key). */

export const RightsRequestFlag = z
  .enum(['due_within_7_days', 'due_within_2_days', 'overdue'])
  .nullable()
  .meta({ id: 'RightsRequestFlag', description: 'Set on open requests (pending, approved, in progress) near or past their due date.' });

export const RightsRequestEventView = z
  .object({
    event: RightsRequestEventName,
    actor: z.enum(['requester', 'staff', 'system']),
    actorId: z.string().max(64).optional().meta({ description: 'The API key (or staff member) that acted.' }),
    reason: z.string().max(2000).optional(),
    visibleToRequester: z.boolean(),
    at: isoDateTime(),
  })
  .meta({ id: 'RightsRequestEvent' });

export const RightsRequest = z
  .object({
    id: RightsRequestId,
    type: RightsRequestType,
    status: RightsRequestStatus,
    email: z.string().max(254).nullable().meta({ description: 'null once the requester\'s data is erased.' }),
    name: z.string().max(200).nullable(),
    details: z.string().max(5000).nullable(),
    locale: RightsLocale,
    consentSubjectId: z.string().max(64).nullable(),
    jurisdiction: Jurisdiction,
    clockSource: z.string().max(100).meta({ example: 'GDPR Art. 12(3)' }),
    receivedAt: isoDateTime(),
    receivedOn: isoDate(),
    dueOn: isoDate(),
    originalDueOn: isoDate(),
    confirmReceiptBy: isoDate().nullable(),
    extendedOn: isoDate().nullable(),
    verifiedAt: isoDateTime().nullable(),
    closedAt: isoDateTime().nullable(),
    flag: RightsRequestFlag,
  })
  .meta({ id: 'RightsRequest', examples: [rightsRequestExamples.request] });
export type RightsRequest = z.infer<typeof RightsRequest>;

export const RightsRequestWithEvents = RightsRequest.extend({
  events: z.array(RightsRequestEventView),
  export: RightsRequestExportView.nullable().optional().meta({ description: 'The export bundle of an answered access or export request (null until one is asked for).' }),
}).meta({ id: 'RightsRequestWithEvents', examples: [rightsRequestExamples.withEvents] });
export type RightsRequestWithEvents = z.infer<typeof RightsRequestWithEvents>;

export const RightsRequestListQuery = z
  .object({
    status: RightsRequestStatus.optional(),
    type: RightsRequestType.optional(),
    due_before: isoDate().optional().meta({ description: 'Only requests due before this day.' }),
    overdue: z.enum(['true', 'false']).optional().meta({ description: '`true`: only open requests past their due date.' }),
    flag: z.enum(['due_within_7_days', 'due_within_2_days', 'overdue']).optional().meta({ description: 'Only open requests carrying this deadline flag today (the same as each request\'s `flag`).' }),
  })
  .meta({ id: 'RightsRequestListQuery' });

const StaffReason = z.string().trim().min(1).max(2000);

export const DenyRightsRequest = z
  .object({ reason: StaffReason.meta({ description: 'Why the request is refused; mailed to the requester.', example: 'We hold no data about this address.' }) })
  .meta({ id: 'DenyRightsRequest', examples: [rightsRequestExamples.deny] });
export const ExtendRightsRequest = z
  .object({ reason: StaffReason.meta({ description: 'Why more time is needed; mailed to the requester.', example: 'The request covers ten years of port calls.' }) })
  .meta({ id: 'ExtendRightsRequest', examples: [rightsRequestExamples.extend] });
export const RightsRequestNote = z
  .object({ note: StaffReason.meta({ description: 'A note for staff; never shown to the requester.' }) })
  .meta({ id: 'RightsRequestNote', examples: [rightsRequestExamples.note] });

export const CompleteRightsRequest = z
  .object({
    description: StaffReason.optional().meta({
      description:
        'What was done, in words the requester reads (mailed and shown in their timeline). Required for correction, restriction, objection ' +
        'and objection to an automated decision, so the record says what changed.',
      example: 'Your surname is corrected to "Sørensen" in our booking system.',
    }),
  })
  .meta({ id: 'CompleteRightsRequest', examples: [{ description: 'Your surname is corrected to "Sørensen" in our booking system.' }] });
export type CompleteRightsRequest = z.infer<typeof CompleteRightsRequest>;

export const RightsRequestCodeResent = z
  .object({
    id: RightsRequestId,
    status: z.literal('identity_unverified'),
    codeExpiresAt: isoDateTime(),
    resendsLeft: z.number().int().min(0).max(3).meta({ description: 'How many more codes this request may be sent.' }),
  })
  .meta({
    id: 'RightsRequestCodeResent',
    description: 'A new code is on its way; the previous one no longer works.',
    examples: [{ id: 'rr_8k2m4n6p8q0r2s4t6v8w', status: 'identity_unverified', codeExpiresAt: '2026-11-25T14:41:00.000Z', resendsLeft: 2 }],
  });
export type RightsRequestCodeResent = z.infer<typeof RightsRequestCodeResent>;
