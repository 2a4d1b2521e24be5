// Stands in for an analytics tag. The portal writes it as
// <script type="text/plain" data-porttask-purpose="analytics" …>, so it runs only once the
// visitor allows analytics; its cookie is cleared again when they withdraw.
document.cookie = `_pk_id.demo=${Date.now().toString(36)}; path=/; max-age=31536000; SameSite=Lax`;
globalThis.demoAnalyticsRuns = (globalThis.demoAnalyticsRuns ?? 0) + 1;
