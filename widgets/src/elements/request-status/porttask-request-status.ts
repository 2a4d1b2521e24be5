import { defineElement } from '../../core/define.ts';
import { RequestStatus } from './request-status.component.ts';

export { RequestStatus } from './request-status.component.ts';
export type { RequestCancelledDetail } from './request-status.component.ts';

defineElement('porttask-request-status', RequestStatus);

declare global {
  interface HTMLElementTagNameMap {
    'porttask-request-status': RequestStatus;
  }
}
