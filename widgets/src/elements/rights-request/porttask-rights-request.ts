import { defineElement } from '../../core/define.ts';
import { RightsRequest } from './rights-request.component.ts';

export { RightsRequest } from './rights-request.component.ts';
export type { RightsRequestSubmittedDetail, RightsRequestVerifiedDetail } from './rights-request.component.ts';

defineElement('porttask-rights-request', RightsRequest);

declare global {
  interface HTMLElementTagNameMap {
    'porttask-rights-request': RightsRequest;
  }
}
