// The partner's own script: shows the visitor's current consent, as the banner reports it with
// porttask-consent-change (at start, on each decision, and once PortTask has recorded it).
const state = document.getElementById('consent-state');

function row(term, description) {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = description;
  return [dt, dd];
}

function show(consent) {
  const choices = Object.entries(consent.choices).map(([purpose, granted]) => `${purpose}: ${granted ? 'allowed' : 'refused'}`).join(', ');
  state.replaceChildren(
    ...row('Decision', consent.decided ? `made ${new Date(consent.decidedAt).toLocaleString()} (${consent.source}${consent.gpc ? ', browser sent GPC' : ''})` : 'not made yet'),
    ...row('Purposes', choices || '—'),
    ...row('Policy version', consent.policyVersion ?? '—'),
    ...row('Proof of consent', consent.receiptId ?? (consent.decided ? 'saved on this device, on its way to PortTask' : '—')),
  );
  state.dataset.receiptId = consent.receiptId ?? '';
}

document.addEventListener('porttask-consent-change', (event) => show(event.detail.consent));
// The banner may have started before this script ran: ask it once it is defined.
customElements.whenDefined('porttask-consent-banner').then(() => {
  const banner = document.querySelector('porttask-consent-banner');
  if (banner?.ready) show(banner.getConsent());
});
