// The login frame's "Forgot your password?" form (see login-frame.js for the rest). It asks for
// a reset link for an email; the answer is the same whether or not the email has an account,
// so the frame says the same thing either way. The mail's link opens a page of its own.
const texts = JSON.parse(document.getElementById('texts').textContent);
const section = document.getElementById('reset');
const form = document.getElementById('reset-form');

if (section && form) {
  for (const button of document.querySelectorAll('[data-reset-show]')) {
    button.addEventListener('click', () => showOnly(button.dataset.resetShow));
  }
  const error = document.getElementById('reset-error');
  const status = document.getElementById('status');
  const email = form.elements.namedItem('email');
  const submit = form.querySelector('button[type=submit]');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    email.removeAttribute('aria-invalid');
    if (!email.value.trim() || !email.checkValidity()) return fail('INVALID_EMAIL');
    submit.disabled = true;
    status.textContent = texts['status.working'];
    try {
      const response = await fetch('/embed/login/request-password-reset', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-PortTask-Key': document.body.dataset.publishableKey, 'X-PortTask-Parent-Origin': document.body.dataset.parentOrigin },
        body: JSON.stringify({ email: email.value.trim(), locale: form.dataset.locale }),
        credentials: 'omit',
      });
      if (!response.ok) {
        const answer = await response.json().catch(() => ({}));
        return fail(answer?.error?.code === 'VALIDATION_FAILED' ? 'INVALID_EMAIL' : answer?.error?.code);
      }
      form.reset();
      status.textContent = texts['status.resetSent'];
    } catch {
      fail(undefined);
    } finally {
      submit.disabled = false;
    }
  });

  function fail(code) {
    status.textContent = '';
    // role="alert": screen readers announce the message as it appears.
    error.textContent = texts[`error.${code}`] ?? texts['error.UNKNOWN'];
    email.setAttribute('aria-invalid', 'true');
    email.focus();
  }
}

function showOnly(id) {
  for (const other of document.querySelectorAll('main > section')) other.hidden = other.id !== id;
  document.getElementById(id).querySelector('input')?.focus();
}
