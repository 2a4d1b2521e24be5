import { createRouter } from '../../http/router.ts';
import { addPolicyVersion, consentConfigHistory, getConsentConfig, putConsentConfig } from './consent-config.handlers.ts';
import { addPolicyVersionRoute, consentConfigHistoryRoute, getConsentConfigRoute, putConsentConfigRoute } from './consent-config.routes.ts';

export const consentConfigRouter = createRouter()
  .openapi(getConsentConfigRoute, getConsentConfig)
  .openapi(putConsentConfigRoute, putConsentConfig)
  .openapi(addPolicyVersionRoute, addPolicyVersion)
  .openapi(consentConfigHistoryRoute, consentConfigHistory);
