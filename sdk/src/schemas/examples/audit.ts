/* Examples of the login audit schemas, shown in the API reference (see consents.ts). */

export const auditExamples = {
  event: {
    sequence: 1204,
    occurredAt: '2026-12-01T23:59:10.123456Z',
    outcome: 'wrong_password',
    ipAddress: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
    email: 'harbourmaster@portal.example',
    accountId: 'f3Kq9Zb1xV7mT2nR8pLw4c',
    rowHash: '5d41402abc4b2a76b9719d911017c592ae2f5b6c9d9e1e7d0a4c1e2b3f4a5b6c',
  },
  verification: {
    intact: true,
    environment: 'live',
    eventsChecked: 1204,
    checkpointsChecked: 3,
    fault: null,
    signingKey: { keyId: 'lak_3f9c2a6b1d0e4f57', algorithm: 'Ed25519', publicKey: 'Hq2r0yV7Cw1dZ8Y3mJbqV4hX6F5kq3pN2sT1uW9xY0A' },
  },
};
