/* Examples of the API-key schemas, shown in the API reference (see consents.ts). */

const publishableKey = {
  id: 'key_0b1c2d3e4f5g6h7i8j9k',
  kind: 'publishable',
  environment: 'live',
  displayPrefix: 'pk_live_0b1c…9k2m',
  label: 'Customer portal',
  allowedOrigins: ['https://portal.example.com'],
  status: 'active',
  createdAt: '2026-09-14T08:00:00.000Z',
  expiresAt: null,
  revokedAt: null,
  replacedBy: null,
  warnings: [],
};

export const apiKeyExamples = {
  key: publishableKey,
  update: { addOrigins: ['https://portal.example.com'], removeOrigins: ['https://old-portal.example.com'] },
  roll: { expiresInSeconds: 86400 },
  rolled: {
    key: { ...publishableKey, id: 'key_7m8n9p0q1r2s3t4v5w6x', displayPrefix: 'pk_live_7m8n…6x3d', createdAt: '2026-12-01T10:00:00.000Z', token: 'pk_live_7m8n9p0q1r2s3t4v5w6x_kq3d' },
    previousKey: { ...publishableKey, status: 'expiring', expiresAt: '2026-12-02T10:00:00.000Z', replacedBy: 'key_7m8n9p0q1r2s3t4v5w6x' },
  },
};
