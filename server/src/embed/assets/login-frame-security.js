// The login frame's account-security view (mode "security" only), beside
// login-frame-second-factor.js, whose helpers it imports (the server writes that file's
// versioned path into the import). The element hands this frame its access token by
// postMessage; the person turns TOTP on (key, otpauth link, backup codes, a first code) or off
// with the password, or changes the password. The secret and the passwords never reach the
// partner's page.
import { framed, post, refusalText, send, status, texts, wire } from './login-frame-second-factor.js';

const parentOrigin = document.body.dataset.parentOrigin;
if (document.getElementById('security') && framed) wireSecurityView();

// Acting with the access token its element hands it.
function wireSecurityView() {
  let accessToken;
  const state = document.getElementById('security-state');
  const enableForm = document.getElementById('security-enable-form');
  const disableForm = document.getElementById('security-disable-form');
  const enrol = document.getElementById('security-enrol');
  const showState = (on) => {
    state.textContent = texts[on ? 'security.on' : 'security.off'];
    enableForm.hidden = on;
    disableForm.hidden = !on;
    enrol.hidden = true;
    document.getElementById('security-password').hidden = false;
  };

  addEventListener('message', async (event) => {
    if (event.source !== window.parent || event.origin !== parentOrigin || event.data?.type !== 'porttask-login:access-token') return;
    const first = accessToken === undefined;
    // Renewed tokens replace the first one; only the first asks for the state.
    accessToken = typeof event.data.accessToken === 'string' ? event.data.accessToken : '';
    if (!first) return;
    const { ok, answer, code } = await send('/embed/login/security/status', {}, accessToken);
    if (ok) {
      document.getElementById('security-username').value = answer.email;
      showState(answer.secondFactor);
    }
    else state.textContent = refusalText(code);
  });
  document.getElementById('security-done').addEventListener('click', () => post({ type: 'porttask-login:security-done' }));
  post({ type: 'porttask-login:security-ready' });

  wire(enableForm, async (password) => {
    const { ok, answer, code } = await send('/embed/login/security/enable', { password }, accessToken);
    if (!ok) return code;
    enableForm.reset();
    enableForm.hidden = true;
    status.textContent = '';
    document.getElementById('security-uri').href = answer.uri;
    document.getElementById('security-secret').textContent = answer.secret;
    document.getElementById('security-backup-codes').replaceChildren(...answer.backupCodes.map((backupCode) => Object.assign(document.createElement('li'), { textContent: backupCode })));
    enrol.hidden = false;
    document.getElementById('security-confirm-code').focus();
    return undefined;
  });

  wire(document.getElementById('security-confirm-form'), async (code) => {
    const { ok, code: refusal } = await send('/embed/login/security/confirm', { code }, accessToken);
    if (!ok) return refusal === 'VALIDATION_FAILED' ? 'INVALID_CODE' : refusal;
    showState(true);
    status.textContent = texts['status.secondFactorOn'];
    return undefined;
  });

  wire(disableForm, async (password) => {
    const { ok, code } = await send('/embed/login/security/disable', { password }, accessToken);
    if (!ok) return code;
    disableForm.reset();
    showState(false);
    status.textContent = texts['status.secondFactorOff'];
    return undefined;
  });

  const passwordForm = document.getElementById('security-password-form');
  const currentPassword = document.getElementById('security-current-password');
  const newPassword = document.getElementById('security-new-password');
  wire(passwordForm, async () => {
    if (!currentPassword.value) return 'VALIDATION_FAILED';
    // Passwords as typed: spaces are part of them.
    const { ok, answer, code } = await send('/embed/login/security/password', { currentPassword: currentPassword.value, newPassword: newPassword.value }, accessToken);
    if (!ok) return code === 'INVALID_PASSWORD' || code === 'SIGN_IN_REQUIRED' ? code : { code, input: newPassword };
    passwordForm.reset();
    // Every sign-in of the account ended with the change; this page goes on with new tokens.
    accessToken = answer.accessToken;
    post({ type: 'porttask-login:tokens', tokens: answer, replaced: true });
    status.textContent = texts['status.passwordChanged'];
    return undefined;
  });
}
