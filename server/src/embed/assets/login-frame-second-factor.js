// The login frame's second factor, beside login-frame.js (same origin, no inline script): the
// code step of a sign-in. After a right password, the TOTP code (or a backup code) is posted
// with the challenge the first step answered; the tokens reach the page only then. It also
// exports what login-frame-security.js (the account-security view, loaded in that mode only)
// builds on: one module instance per page, so both share it.
const body = document.body;
const parentOrigin = body.dataset.parentOrigin;
const publishableKey = body.dataset.publishableKey;
export const texts = JSON.parse(document.getElementById('texts').textContent);
export const status = document.getElementById('status');
export const post = (message) => window.parent.postMessage(message, parentOrigin);
const ancestors = window.location.ancestorOrigins;
export const framed = window.parent !== window && (!ancestors || ancestors[0] === parentOrigin);

export async function send(path, payload, accessToken) {
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
export function refusalText(code) {
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

/**
 * One form: clear its error, call, show the answer's error or hand the answer on. `submit`
 * gets the first field's value and answers nothing, a refusal's code (about the first field),
 * or `{ code, input }` (about another).
 */
export function wire(form, submit) {
  const error = form.querySelector('.error');
  const inputs = [...form.querySelectorAll('input:not([hidden])')];
  const input = inputs[0];
  const button = form.querySelector('button[type=submit]');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    for (const field of inputs) field.removeAttribute('aria-invalid');
    button.disabled = true;
    status.textContent = texts['status.working'];
    try {
      const refusal = await submit(input.value.trim());
      if (typeof refusal === 'string') fail(error, input, refusal);
      else if (refusal) fail(error, refusal.input, refusal.code);
    } catch {
      fail(error, input, undefined);
    } finally {
      button.disabled = false;
    }
  });
}

// The sign-in page carries the code step; the security view's page does not.
const codeForm = document.getElementById('second-factor-form');
if (codeForm) wireCodeStep(codeForm);

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
