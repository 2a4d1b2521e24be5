/* Examples of the account schemas, shown in the API reference (see consents.ts). */

export const userExamples = {
  user: {
    id: 'f3Kq9Zb1xV7mT2nR8pLw4c',
    email: 'harbourmaster@portal.example',
    name: 'Ana Harbour',
    role: 'privacy_officer',
    emailVerified: true,
    disabled: false,
    guardianConsent: null,
    createdAt: '2026-10-02T09:30:00.000Z',
  },
  roleChange: { role: 'privacy_officer' },
  signOut: { userId: 'f3Kq9Zb1xV7mT2nR8pLw4c', sessionsEnded: 1, signInsRevoked: 2 },
  newInvitation: { email: 'harbourmaster@portal.example', role: 'privacy_officer', name: 'Ana Harbour', locale: 'da' },
  invitation: {
    id: 'inv_Yk3Lp9Qs2Vx7Zb4Nc8Rt1Wm6',
    userId: 'f3Kq9Zb1xV7mT2nR8pLw4c',
    email: 'harbourmaster@portal.example',
    role: 'privacy_officer',
    locale: 'da',
    status: 'pending',
    createdAt: '2026-10-02T09:30:00.000Z',
    expiresAt: '2026-10-09T09:30:00.000Z',
  },
};
