import type { DemoKeys } from '../demo/demo-tenant.ts';

/**
 * What `npm start` prints on stdout, and nothing else goes there (logs are on stderr): where
 * things run, the demo keys (the only place the demo secret key is ever printed), and the
 * steps from here to a partner's own banner on their own page.
 */
export function welcomeText(options: { apiUrl: string; portalUrl: string; database: string; keys: DemoKeys; readyMs: number; developmentMailboxUrl?: string | undefined; webhookReceiverUrl?: string | undefined }): string {
  const { apiUrl, portalUrl, database, keys, readyMs, developmentMailboxUrl, webhookReceiverUrl } = options;
  return [
    '',
    '  PortTask Embed is running',
    `  API + widgets   ${apiUrl}   (reference: ${apiUrl}/docs)`,
    `  Demo portal     ${portalUrl}   (a partner site on a second origin)`,
    `  Database        ${database}`,
    `  Demo tenant     ${keys.tenantId}   (test environment)`,
    `  Publishable key ${keys.publishableKey}`,
    `  Secret key      ${keys.secretKey}`,
    ...(developmentMailboxUrl ? [`  Mail (dev)      ${developmentMailboxUrl}   (SMTP_URL is not set: mail is kept here)`] : []),
    ...(webhookReceiverUrl ? [`  Webhooks (demo) ${webhookReceiverUrl}   (receives the demo tenant's rights-request events, verifies each signature, logs it; docs/webhooks.md)`] : []),
    '',
    '  Next steps (in another terminal; README.md has the whole quick start)',
    '  1. Create your tenant with your site\'s origin and privacy policy:',
    '       npx porttask tenants create --name "Your Agency" --region eu --origin http://localhost:5500 \\',
    '         --policy-url https://your-site.example/privacy --policy-version 2026-01-01',
    '     (a tenant without a policy shows no banner; add one later with `npx porttask consent policy`)',
    '  2. Embed the banner in a page served from that origin, with the publishable key it printed:',
    `       <script type="module" src="${apiUrl}/widgets/v1/porttask.js" data-publishable-key="pk_…"></script>`,
    '       <porttask-consent-banner></porttask-consent-banner>',
    '  3. Watch live schedules change on the demo portal: feed it with the demo secret key:',
    `       PORTTASK_SECRET_KEY=${keys.secretKey.slice(0, 8)}… PORTTASK_API_URL=${apiUrl} node --conditions=source --import tsx examples/node-sdk/feed-schedule.ts`,
    '  4. Manage keys: npx porttask keys list|update|roll|revoke (docs/operations.md)',
    '',
    `  Ready in ${readyMs} ms. Stop with Ctrl+C.`,
    '',
  ].join('\n') + '\n';
}
