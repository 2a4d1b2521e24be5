import { createRouter } from '../../http/router.ts';
import { getConsent, listConsents, recordConsent } from './consents.handlers.ts';
import { getConsentRoute, listConsentsRoute, recordConsentRoute } from './consents.routes.ts';

export const consentsRouter = createRouter()
  .openapi(recordConsentRoute, recordConsent)
  .openapi(getConsentRoute, getConsent)
  .openapi(listConsentsRoute, listConsents);
