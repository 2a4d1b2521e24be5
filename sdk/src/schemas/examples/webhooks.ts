/* Examples of the webhook schemas, shown in the API reference (see consents.ts). */

const endpoint = {
  id: 'we_3c5e7g9j1l3n5p7r9t1v',
  url: 'https://partner.example.com/webhooks/porttask',
  description: 'Privacy team inbox',
  events: ['rights_request.created', 'rights_request.verified', 'rights_request.due_soon', 'rights_request.overdue'],
  environment: 'live',
  createdAt: '2026-11-30T09:00:00.000Z',
};

const event = {
  type: 'rights_request.verified',
  timestamp: '2026-12-01T10:15:00.000Z',
  data: { object: 'rights_request', id: 'rr_8k2m4n6p8q0r2s4t6v8w', type: 'access', status: 'pending', dueOn: '2027-01-01' },
};

export const webhookExamples = {
  endpoint,
  created: { ...endpoint, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
  newEndpoint: { url: endpoint.url, description: endpoint.description, events: endpoint.events },
  delivery: {
    id: 'wdl_1a3c5e7g9j1l3n5p7r9t',
    endpointId: endpoint.id,
    eventId: 'msg_2b4d6f8h0k2m4p6r8t0v',
    eventType: 'rights_request.verified',
    status: 'retrying',
    attempts: 2,
    lastStatusCode: 503,
    lastError: 'HTTP 503',
    lastAttemptAt: '2026-12-01T10:15:31.000Z',
    nextAttemptAt: '2026-12-01T10:16:31.000Z',
    deliveredAt: null,
    createdAt: '2026-12-01T10:15:00.000Z',
  },
  deleted: { id: endpoint.id, deleted: true },
  rolled: { ...endpoint, secret: 'whsec_Q2xhc3NpY1NlY3JldFJvbGxlZDEyMzQ1', previousSecretExpiresAt: '2026-12-02T09:00:00.000Z' },
  event,
};
