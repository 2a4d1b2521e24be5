// The login frame's script, served from the API's own origin (the frame's CSP allows no inline
// script). It submits the two forms with fetch to this origin and hands the tokens to the
// framing page with postMessage, addressed to the one origin the server verified: a page of
// any other origin receives nothing.
const body = document.body;
const parentOrigin = body.dataset.parentOrigin;
const publishableKey = body.dataset.publishableKey;
const texts = JSON.parse(document.getElementById('texts').textContent);
const status = document.getElementById('status');

const post = (message) => window.parent.postMessage(message, parentOrigin);

// The CSP's frame-ancestors already refuses other framers; where the browser tells us who
// frames us, check it too, and never run outside a frame.
const ancestors = window.location.ancestorOrigins;
const framedByParent = window.parent !== window && (!ancestors || ancestors[0] === parentOrigin);
if (!framedByParent) {
  document.querySelector('main').replaceChildren(Object.assign(document.createElement('p'), { textContent: texts.refused }));
} else {
  wireForm('sign-in', '/embed/login/sign-in');
  wireForm('sign-up', '/embed/login/sign-up');
  wireGuardian();
  for (const button of document.querySelectorAll('[data-show]')) button.addEventListener('click', () => show(button.dataset.show));
  new ResizeObserver(() => post({ type: 'porttask-login:resize', height: Math.ceil(document.documentElement.getBoundingClientRect().height) }))
    .observe(document.documentElement);
  post({ type: 'porttask-login:ready' });
}

function show(mode) {
  for (const section of ['sign-in', 'sign-up']) document.getElementById(section).hidden = section !== mode;
  document.getElementById(`${mode}-form`).querySelector('input').focus();
}

function wireForm(mode, path) {
  const form = document.getElementById(`${mode}-form`);
  const error = document.getElementById(`${mode}-error`);
  const button = form.querySelector('button[type=submit]');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const accepted = form.elements.namedItem('accepted');
    if (accepted && !accepted.checked) return fail(form, error, 'ACCEPTANCE_REQUIRED', accepted);
    const ageRefusal = mode === 'sign-up' && ageProblem(form);
    if (ageRefusal) return fail(form, error, ageRefusal[0], ageRefusal[1]);
    const credentials = { email: form.elements.namedItem('email').value, password: form.elements.namedItem('password').value };
    for (const input of form.elements) if (input.tagName === 'INPUT') input.removeAttribute('aria-invalid');
    button.disabled = true;
    status.textContent = texts['status.working'];
    try {
      const response = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-PortTask-Key': publishableKey, 'X-PortTask-Parent-Origin': parentOrigin },
        body: JSON.stringify(mode === 'sign-up' ? signUpBody(form) : Object.fromEntries(new FormData(form))),
        credentials: 'omit',
      });
      const answer = await response.json().catch(() => ({}));
      // A minor's account: made (sign-up) or still waiting (sign-in) for a guardian's consent.
      if (answer?.status === 'guardian_consent_pending' || answer?.error?.code === 'GUARDIAN_CONSENT_PENDING') return showGuardianPending(form, credentials);
      if (!response.ok) return fail(form, error, answer?.error?.code, undefined, response.headers.get('Retry-After'));
      form.reset();
      // The password was right; the account asks for its second factor (login-frame-second-factor.js).
      if (answer.secondFactor) {
        status.textContent = '';
        return void document.dispatchEvent(new CustomEvent('porttask-frame:second-factor', { detail: answer.secondFactor }));
      }
      status.textContent = texts['status.signedIn'];
      post({ type: 'porttask-login:tokens', tokens: answer });
    } catch {
      fail(form, error, undefined);
    } finally {
      button.disabled = false;
    }
  });
}

// The account fields, and what was accepted: the versions and language the form showed (the
// server refuses versions no longer current) and the age answer.
function signUpBody(form) {
  const fields = new FormData(form);
  const birth = fields.get('dateOfBirth');
  const ageAnswer = fields.get('ageAnswer');
  const guardianEmail = belowAge(form) ? fields.get('guardianEmail') : '';
  return {
    name: fields.get('name'),
    email: fields.get('email'),
    password: fields.get('password'),
    acceptance: {
      acceptedPolicyVersion: form.dataset.policyVersion || null,
      acceptedTermsVersion: form.dataset.termsVersion || null,
      locale: form.dataset.locale,
      ...(birth ? { dateOfBirth: birth } : { confirmedMinimumAge: ageAnswer ? ageAnswer === 'at-least' : fields.get('confirmedMinimumAge') === 'on' }),
      ...(guardianEmail ? { guardianEmail } : {}),
    },
  };
}

function fail(form, error, code, field, retryAfter) {
  status.textContent = '';
  // role="alert": screen readers announce the message as it appears.
  error.textContent = refusalText(code, retryAfter);
  const invalid = field ? [field] : [...form.elements].filter((input) => input.tagName === 'INPUT' && input.type !== 'checkbox' && input.type !== 'radio');
  for (const input of invalid) input.setAttribute('aria-invalid', 'true');
  invalid[0]?.focus();
}

/** The refusal's text; a rate limit says how long to wait (its Retry-After, in seconds). */
function refusalText(code, retryAfter) {
  if (code === 'RATE_LIMITED' && /^[1-9]\d*$/.test(retryAfter ?? '')) return texts['error.RATE_LIMITED_IN'].replace('{seconds}', retryAfter);
  return texts[`error.${code}`] ?? texts['error.UNKNOWN'];
}

// Below the age of digital consent (either gate), the form asks for a parent's or guardian's
// email; the account then waits for their consent (accounts/guardian/ on the server).
function belowAge(form) {
  const answer = form.querySelector('input[name=ageAnswer]:checked');
  if (answer) return answer.value === 'under';
  const birth = form.elements.namedItem('dateOfBirth')?.value;
  if (!birth) return false;
  const [year, month, day] = birth.split('-').map(Number);
  const now = new Date();
  const age = now.getFullYear() - year - (now.getMonth() + 1 < month || (now.getMonth() + 1 === month && now.getDate() < day) ? 1 : 0);
  return age < Number(form.dataset.minimumAge);
}

function ageProblem(form) {
  const radios = form.querySelectorAll('input[name=ageAnswer]');
  if (radios.length > 0 && !form.querySelector('input[name=ageAnswer]:checked')) return ['AGE_REQUIRED', radios[0]];
  const guardian = form.elements.namedItem('guardianEmail');
  if (!guardian || !belowAge(form)) return undefined;
  if (!guardian.value.trim()) return ['GUARDIAN_EMAIL_REQUIRED', guardian];
  if (guardian.value.trim().toLowerCase() === form.elements.namedItem('email').value.trim().toLowerCase()) return ['GUARDIAN_SAME', guardian];
  return undefined;
}

function wireGuardian() {
  const form = document.getElementById('sign-up-form');
  const field = document.getElementById('guardian-field');
  if (!field) return;
  const update = () => { field.hidden = !belowAge(form); };
  form.addEventListener('change', update);
  form.addEventListener('input', update);
  form.addEventListener('reset', () => setTimeout(update));
}

let pendingCredentials;
function showGuardianPending(form, credentials) {
  const section = document.getElementById('guardian-pending');
  if (!section) return fail(form, document.getElementById(`${form.id.replace('-form', '')}-error`), 'GUARDIAN_CONSENT_PENDING');
  form.reset();
  pendingCredentials = credentials;
  for (const other of ['sign-in', 'sign-up']) document.getElementById(other).hidden = true;
  section.hidden = false;
  // The live region announces the new state; focus moves to its heading for keyboard users.
  status.textContent = `${section.querySelector('h1').textContent} ${section.querySelector('h1 + p').textContent}`;
  section.querySelector('h1').focus();
  const button = document.getElementById('guardian-resend');
  button.onclick = async () => {
    const error = document.getElementById('guardian-resend-error');
    error.textContent = '';
    button.disabled = true;
    try {
      const response = await fetch('/embed/login/guardian-mail', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-PortTask-Key': publishableKey, 'X-PortTask-Parent-Origin': parentOrigin },
        body: JSON.stringify({ ...pendingCredentials, locale: document.documentElement.lang }),
        credentials: 'omit',
      });
      if (response.ok) status.textContent = texts['status.guardianResent'];
      else error.textContent = refusalText((await response.json().catch(() => ({})))?.error?.code, response.headers.get('Retry-After'));
    } catch {
      error.textContent = texts['error.UNKNOWN'];
    } finally {
      button.disabled = false;
    }
  };
}
