// The login frame's part for sign-ups below the age of digital consent (either gate): the form
// asks for a parent's or guardian's email, and the account then waits for their consent
// (accounts/guardian/ on the server). login-frame.js imports this module only when the sign-up
// form is used or a waiting account signs in, so the sign-in page's first load stays small.
export function belowAge(form) {
  const answer = form.querySelector('input[name=ageAnswer]:checked');
  if (answer) return answer.value === 'under';
  const birth = form.elements.namedItem('dateOfBirth')?.value;
  if (!birth) return false;
  const [year, month, day] = birth.split('-').map(Number);
  const now = new Date();
  const age = now.getFullYear() - year - (now.getMonth() + 1 < month || (now.getMonth() + 1 === month && now.getDate() < day) ? 1 : 0);
  return age < Number(form.dataset.minimumAge);
}

export function ageProblem(form) {
  const radios = form.querySelectorAll('input[name=ageAnswer]');
  if (radios.length > 0 && !form.querySelector('input[name=ageAnswer]:checked')) return ['AGE_REQUIRED', radios[0]];
  const guardian = form.elements.namedItem('guardianEmail');
  if (!guardian || !belowAge(form)) return undefined;
  if (!guardian.value.trim()) return ['GUARDIAN_EMAIL_REQUIRED', guardian];
  if (guardian.value.trim().toLowerCase() === form.elements.namedItem('email').value.trim().toLowerCase()) return ['GUARDIAN_SAME', guardian];
  return undefined;
}

export function showGuardianField(form) {
  document.getElementById('guardian-field').hidden = !belowAge(form);
}

let pendingCredentials;
/** The account is made (or signed in) but waits: say so, and offer to send the mail again. */
export function showGuardianPending(form, credentials, { status, texts, refusalText, publishableKey, parentOrigin }) {
  const section = document.getElementById('guardian-pending');
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
