/* Examples of the rights-request schemas, shown in the API reference (see consents.ts). */

const id = 'rr_8k2m4n6p8q0r2s4t6v8w';

const statusView = {
  id,
  type: 'access',
  status: 'pending',
  receivedAt: '2026-11-25T14:30:00.000Z',
  dueOn: '2026-12-25',
  jurisdiction: 'gdpr',
  verificationAttemptsLeft: 3,
  timeline: [
    { event: 'received', at: '2026-11-25T14:30:00.000Z' },
    { event: 'code_sent', at: '2026-11-25T14:30:01.000Z' },
    { event: 'verified', at: '2026-11-25T14:34:12.000Z' },
    { event: 'receipt_confirmed', at: '2026-11-25T14:34:13.000Z' },
  ],
};

const request = {
  id,
  type: 'access',
  status: 'approved',
  email: 'ana.requester@example.com',
  name: 'Ana Requester',
  details: 'Every port call booking made under this address.',
  locale: 'en',
  consentSubjectId: null,
  jurisdiction: 'gdpr',
  clockSource: 'GDPR Art. 12(3)',
  receivedAt: '2026-11-25T14:30:00.000Z',
  receivedOn: '2026-11-25',
  dueOn: '2026-12-25',
  originalDueOn: '2026-12-25',
  confirmReceiptBy: null,
  extendedOn: null,
  verifiedAt: '2026-11-25T14:34:12.000Z',
  closedAt: null,
  flag: null,
};

export const rightsRequestExamples = {
  newRequest: { type: 'access', email: 'ana.requester@example.com', name: 'Ana Requester', details: 'Every port call booking made under this address.', locale: 'en' },
  created: { id, requesterToken: 'rqt_0a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p', status: 'identity_unverified', codeExpiresAt: '2026-11-25T14:40:00.000Z' },
  verify: { code: '481516' },
  statusView,
  request,
  withEvents: {
    ...request,
    events: [
      { event: 'received', actor: 'requester', visibleToRequester: true, at: '2026-11-25T14:30:00.000Z' },
      { event: 'verified', actor: 'requester', visibleToRequester: true, at: '2026-11-25T14:34:12.000Z' },
      { event: 'approved', actor: 'staff', actorId: 'key_0b1c2d3e4f5g6h7i8j9k', visibleToRequester: true, at: '2026-11-26T09:02:00.000Z' },
    ],
  },
  deny: { reason: 'We hold no data about this address.' },
  extend: { reason: 'The request covers ten years of port calls.' },
  note: { note: 'Asked the bookings team for the 2019 archive.' },
};
