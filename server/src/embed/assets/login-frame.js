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
// What only minors' sign-ups need (login-frame-guardian.js) loads when the sign-up form is used.
const guardian = () => import('./login-frame-guardian.js').catch(() => undefined);

// The CSP's frame-ancestors already refuses other framers; where the browser tells us who
// frames us, check it too, and never run outside a frame.
const ancestors = window.location.ancestorOrigins;
const framedByParent = window.parent !== window && (!ancestors || ancestors[0] === parentOrigin);
if (!framedByParent) {
  document.querySelector('main').replaceChildren(Object.assign(document.createElement('p'), { textContent: texts.refused }));
} else {
  wireForm('sign-in', '/embed/login/sign-in');
  wireForm('sign-up', '/embed/login/sign-up');
  const signUpForm = document.getElementById('sign-up-form');
  if (document.getElementById('guardian-field')) {
    const update = async () => (await guardian())?.showGuardianField(signUpForm);
    for (const type of ['change', 'input']) signUpForm.addEventListener(type, update);
    signUpForm.addEventListener('reset', () => setTimeout(update));
  }
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
    const minors = mode === 'sign-up' ? await guardian() : undefined;
    const ageRefusal = minors?.ageProblem(form);
    if (ageRefusal) return fail(form, error, ageRefusal[0], ageRefusal[1]);
    const credentials = { email: form.elements.namedItem('email').value, password: form.elements.namedItem('password').value };
    for (const input of form.elements) if (input.tagName === 'INPUT') input.removeAttribute('aria-invalid');
    button.disabled = true;
    status.textContent = texts['status.working'];
    try {
      const response = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-PortTask-Key': publishableKey, 'X-PortTask-Parent-Origin': parentOrigin },
        body: JSON.stringify(mode === 'sign-up' ? signUpBody(form, minors) : Object.fromEntries(new FormData(form))),
        credentials: 'omit',
      });
      const answer = await response.json().catch(() => ({}));
      // A minor's account: made (sign-up) or still waiting (sign-in) for a guardian's consent.
      if (answer?.status === 'guardian_consent_pending' || answer?.error?.code === 'GUARDIAN_CONSENT_PENDING') {
        const minorsPart = await guardian();
        if (minorsPart) return minorsPart.showGuardianPending(form, credentials, { status, texts, refusalText, publishableKey, parentOrigin });
      }
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
function signUpBody(form, minors) {
  const fields = new FormData(form);
  const birth = fields.get('dateOfBirth');
  const ageAnswer = fields.get('ageAnswer');
  const guardianEmail = minors?.belowAge(form) ? fields.get('guardianEmail') : '';
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

