// The partner's own script: shows whether the PortTask loader reached the API. The loader
// announces the outcome on document with porttask-ready / porttask-error.
const status = document.getElementById('porttask-status');

function show(state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

document.addEventListener('porttask-ready', (event) => {
  const { tenant, environment } = event.detail.config;
  show('ready', `Connected to PortTask: ${tenant.name} (region ${tenant.region.toUpperCase()}, ${environment} mode).`);
});
document.addEventListener('porttask-error', (event) => {
  show('error', `PortTask is unavailable: ${event.detail.message}`);
});
// The loader may have finished before this script ran.
globalThis.PortTask?.config.then(
  (config) => show('ready', `Connected to PortTask: ${config.tenant.name} (region ${config.tenant.region.toUpperCase()}, ${config.environment} mode).`),
  () => {},
);
