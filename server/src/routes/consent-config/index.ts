import { createRouter } from '../../http/router.ts';
import { addPolicyVersion, getConsentConfig, putConsentConfig } from './consent-config.handlers.ts';
import { addPolicyVersionRoute, getConsentConfigRoute, putConsentConfigRoute } from './consent-config.routes.ts';

export const consentConfigRouter = createRouter()
  .openapi(getConsentConfigRoute, getConsentConfig)
  .openapi(putConsentConfigRoute, putConsentConfig)
  .openapi(addPolicyVersionRoute, addPolicyVersion);
