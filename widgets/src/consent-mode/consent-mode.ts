/*
 * consent-mode.js: Google Consent Mode v2's default, set before any Google tag runs.
 *
 * The loader and the banner are module scripts, which run only once the page is parsed; a
 * Google tag in <head> has sent its first hits by then. Partners who use Google tags put this
 * classic script first in <head>, above the Google tag:
 *
 *   <script src="https://api.porttask.example/widgets/v1/consent-mode.js" data-publishable-key="pk_live_…"></script>
 *
 * It sets all four signals to denied (tags wait up to 500 ms for an update), and for a visitor
 * with an unexpired decision on this device (and no GPC signal) it replays that decision's
 * signals at once. The banner takes them back if the decision no longer holds (a new policy
 * version).
 */
import { consentModeDefault, consentModeUpdate } from '../consent/google-consent-mode.ts';
import { browserSendsGpc, isCurrent } from '../consent/model.ts';
import { readDecision, tenantIdOfKey } from '../consent/storage.ts';

consentModeDefault({ wait_for_update: 500 });
const publishableKey = (document.currentScript as HTMLScriptElement | null)?.dataset['publishableKey'];
const decision = publishableKey ? readDecision(tenantIdOfKey(publishableKey)) : undefined;
// Under GPC, no replay: which purposes the signal refuses is in the configuration, which the
// banner reads; until then nothing is granted. The policy version is not known here either.
if (isCurrent(decision, decision?.policyVersion) && Array.isArray(decision.signals) && !browserSendsGpc()) consentModeUpdate(decision.signals);
