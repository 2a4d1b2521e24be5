import { defineElement } from '../../core/define.ts';
import { PortTaskLogin } from './login.component.ts';

export { PortTaskLogin } from './login.component.ts';
export type { PortTaskLoginDetail, PortTaskLogoutDetail } from './login.component.ts';
export type { AccessTokenClaims } from './login-session.ts';

defineElement('porttask-login', PortTaskLogin);

declare global {
  interface HTMLElementTagNameMap {
    'porttask-login': PortTaskLogin;
  }
}
