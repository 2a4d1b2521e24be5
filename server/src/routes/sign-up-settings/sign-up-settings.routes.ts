import { SignUpSettings, SignUpSettingsInput } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { apiRoute } from '../../openapi/operation.ts';
import { jsonBody, jsonResponse, secretKeyAuth } from '../../openapi/responses.ts';

export const getSignUpSettingsRoute = apiRoute({
  operationId: 'getSignUpSettings',
  method: 'get',
  path: '/v1/sign-up-settings',
  tags: ['sign-up settings'],
  summary: 'Get the sign-up settings',
  description:
    'Whether people may sign up, what a new account accepts (the current privacy-policy version, the terms of use) and how the age gate ' +
    'checks age: the age of digital consent of each of the tenant\'s laws and the highest of them, which the gate asks, and what happens below ' +
    'it (`guardianConsent`: the account waits for a parent\'s or guardian\'s consent by email, or the sign-up is refused). Per environment.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'const settings = await client.signUpSettings.get();',
  responses: {
    200: jsonResponse(SignUpSettings, 'The settings in force.'),
  },
});

export const putSignUpSettingsRoute = apiRoute({
  operationId: 'replaceSignUpSettings',
  method: 'put',
  path: '/v1/sign-up-settings',
  tags: ['sign-up settings'],
  summary: 'Replace the sign-up settings',
  description:
    'Replaces them as a whole (an omitted field takes its default). Each age of digital consent must lie in its law\'s range ' +
    '(GDPR 13–16, UK GDPR 13, DPDP 18, CCPA 13–16, LGPD 12–18, PDPA 13–18), else **422** names the field. Sign-ups from now on ' +
    'follow the new settings; acceptances already recorded keep what they accepted. Turning `guardianConsent` off refuses under-age ' +
    'sign-ups from now on (**403** `UNDER_AGE`); accounts already waiting for a guardian keep waiting until answered or erased after 14 days.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'const settings = await client.signUpSettings.update({ agesOfDigitalConsent: { gdpr: 15 }, terms: { version: \'T-3\', url: \'https://portal.example/terms\' } });',
  request: { body: jsonBody(SignUpSettingsInput) },
  responses: {
    200: jsonResponse(SignUpSettings, 'The settings as stored.'),
  },
});
