// The partner's own script for the signed-in area: on porttask-login it sends the access token
// to the portal's server (/api/me), which verifies it with @porttask/sdk/server before it
// answers. The page itself never trusts the token's claims.
const area = document.getElementById('signed-in-area');
const details = document.getElementById('verified-account');
const status = document.getElementById('account-status');

function show(entries) {
  details.replaceChildren(...entries.flatMap(([term, value]) => [
    Object.assign(document.createElement('dt'), { textContent: term }),
    Object.assign(document.createElement('dd'), { textContent: value }),
  ]));
}

document.addEventListener('porttask-login', async (event) => {
  const response = await fetch('/api/me', { headers: { Authorization: `Bearer ${event.detail.accessToken}` } });
  const answer = await response.json();
  if (!response.ok) {
    area.hidden = true;
    status.textContent = `Token refused by our server: ${answer.error}`;
    return;
  }
  show([['Email', answer.email], ['Role', answer.role], ['Tenant', answer.tenant], ['Verified by', 'the portal server']]);
  area.hidden = false;
  area.dataset.verifiedEmail = answer.email;
  status.textContent = `Signed in as ${answer.email}`;
});

document.addEventListener('porttask-logout', () => {
  area.hidden = true;
  delete area.dataset.verifiedEmail;
  details.replaceChildren();
  status.textContent = 'Not signed in';
});
