// The login frame's second factor, beside login-frame.js (same origin, no inline script):
// 1. the code step of a sign-in: after a right password, the TOTP code (or a backup code) is
//    posted with the challenge the first step answered; the tokens reach the page only then;
// 2. the account-security view (mode "security"): the element hands this frame its access
//    token by postMessage, and the person turns TOTP on (key, otpauth link, backup codes, a
//    first code) or off, with the password. The secret never reaches the partner's page.
const body = document.body;
const parentOrigin = body.dataset.parentOrigin;
const publishableKey = body.dataset.publishableKey;
const texts = JSON.parse(document.getElementById('texts').textContent);
const status = document.getElementById('status');
const post = (message) => window.parent.postMessage(message, parentOrigin);
const ancestors = window.location.ancestorOrigins;
const framed = window.parent !== window && (!ancestors || ancestors[0] === parentOrigin);

async function send(path, payload, accessToken) {
  const response = await fetch(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json', 'X-PortTask-Key': publishableKey, 'X-PortTask-Parent-Origin': parentOrigin,
      ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}),
    },
    body: JSON.stringify(payload),
    credentials: 'omit',
  });
  const answer = await response.json().catch(() => ({}));
  lastRetryAfter = response.headers.get('Retry-After');
  return { ok: response.ok, answer, code: answer?.error?.code };
}

/** The last answer's Retry-After: a rate limit's text says how many seconds to wait. */
let lastRetryAfter = null;
function refusalText(code) {
  if (code === 'RATE_LIMITED' && /^[1-9]\d*$/.test(lastRetryAfter ?? '')) return texts['error.RATE_LIMITED_IN'].replace('{seconds}', lastRetryAfter);
  return texts[`error.${code}`] ?? texts['error.UNKNOWN'];
}

function showOnly(id) {
  for (const section of document.querySelectorAll('main > section')) section.hidden = section.id !== id;
}

function fail(error, input, code) {
  status.textContent = '';
  // role="alert": announced as it appears.
  error.textContent = refusalText(code);
  input.setAttribute('aria-invalid', 'true');
  input.focus();
}

/** One form: clear its error, call, show the answer's error or hand the answer on. */
function wire(form, submit) {
  const error = form.querySelector('.error');
  const input = form.querySelector('input');
  const button = form.querySelector('button[type=submit]');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    button.disabled = true;
    status.textContent = texts['status.working'];
    try {
      const code = await submit(input.value.trim());
      if (code) fail(error, input, code);
    } catch {
      fail(error, input, undefined);
    } finally {
      button.disabled = false;
    }
  });
}

// The page carries one of the two parts, by its mode.
const codeForm = document.getElementById('second-factor-form');
const security = document.getElementById('security');
if (codeForm) wireCodeStep(codeForm);
if (security && framed) wireSecurityView();

// 1. The code step of a sign-in.
function wireCodeStep(form) {
  let challenge;
  const input = document.getElementById('second-factor-code');
  const useMethod = (method) => {
    const totp = method === 'totp';
    form.dataset.method = method;
    form.reset();
    form.querySelector('.error').textContent = '';
    document.getElementById('second-factor-label').textContent = texts[totp ? 'field.totpCode' : 'field.backupCode'];
    document.getElementById('second-factor-hint').textContent = texts[totp ? 'hint.totpCode' : 'hint.backupCode'];
    document.getElementById('second-factor-switch').textContent = texts[totp ? 'switch.toBackupCode' : 'switch.toTotpCode'];
    Object.assign(input, { inputMode: totp ? 'numeric' : 'text', autocomplete: totp ? 'one-time-code' : 'off', maxLength: totp ? 6 : 11 });
  };
  document.addEventListener('porttask-frame:second-factor', (event) => {
    challenge = event.detail.challenge;
    useMethod('totp');
    showOnly('second-factor');
    input.focus();
  });
  document.getElementById('second-factor-switch').addEventListener('click', () => {
    useMethod(form.dataset.method === 'totp' ? 'backup' : 'totp');
    input.focus();
  });
  wire(form, async (code) => {
    const { ok, answer, code: refusal } = await send('/embed/login/second-factor', { challenge, method: form.dataset.method, code });
    if (!ok) {
      // The pending sign-in is over (expired, or five wrong codes): back to the password.
      if (refusal === 'INVALID_TWO_FACTOR_COOKIE' || refusal === 'TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE') {
        showOnly('sign-in');
        document.getElementById('sign-in-error').textContent = texts[`error.${refusal}`];
        document.getElementById('sign-in-email').focus();
        return undefined;
      }
      return refusal;
    }
    form.reset();
    status.textContent = texts['status.signedIn'];
    post({ type: 'porttask-login:tokens', tokens: answer });
    return undefined;
  });
}

// 2. The account-security view, acting with the access token its element hands it.
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
  };

  addEventListener('message', async (event) => {
    if (event.source !== window.parent || event.origin !== parentOrigin || event.data?.type !== 'porttask-login:access-token') return;
    const first = accessToken === undefined;
    // Renewed tokens replace the first one; only the first asks for the state.
    accessToken = typeof event.data.accessToken === 'string' ? event.data.accessToken : '';
    if (!first) return;
    const { ok, answer, code } = await send('/embed/login/security/status', {}, accessToken);
    if (ok) showState(answer.secondFactor);
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
}
