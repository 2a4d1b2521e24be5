import { css, html, type TemplateResult } from 'lit';

/**
 * What the banner shows a developer when the tenant has no published privacy policy: without
 * one it cannot ask for consent (the decision must name the policy version it was made under),
 * so it stays hidden from visitors. A chunk of its own, loaded only in that case, so the
 * banner's first load does not carry it. Developer-facing, so English only.
 */

/**
 * The command that publishes a policy, for the key's tenant (its id is in the key) and
 * environment (the CLI works on live unless told `--environment test`).
 */
export function publishPolicyCommand(tenantId: string, publishableKey: string): string {
  const environment = publishableKey.startsWith('pk_test_') ? ' --environment test' : '';
  return `npx porttask consent policy --tenant ${tenantId} --version 1 --url https://your-site.example/privacy --last-updated ${new Date().toISOString().slice(0, 10)}${environment}`;
}

/**
 * On localhost and with test keys a visible notice is worth the space; on a live key on a real
 * site visitors must see nothing, so only the console says it.
 */
export function isDeveloperContext(publishableKey: string, hostname = location.hostname): boolean {
  return publishableKey.startsWith('pk_test_') || /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$|\.localhost$/.test(hostname);
}

/**
 * One console warning naming the fix and, for developers, the notice to render (with its styles
 * adopted into the banner's shadow root); undefined for visitors of a live site.
 */
export function reportMissingPolicy(root: ShadowRoot, tenantId: string, publishableKey: string, hide: () => void): TemplateResult | undefined {
  const command = publishPolicyCommand(tenantId, publishableKey);
  console.warn(`PortTask: the consent banner stays hidden because this tenant has no published privacy policy. Publish one with: ${command}`);
  if (!isDeveloperContext(publishableKey)) return undefined;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, developerNoticeStyles.styleSheet!];
  return renderDeveloperNotice(command, hide);
}

function renderDeveloperNotice(command: string, hide: () => void): TemplateResult {
  return html`<section part="developer-notice" class="developer-notice" aria-labelledby="developer-notice-title">
    <h2 id="developer-notice-title">PortTask: no privacy policy published</h2>
    <p>The consent banner stays hidden until this tenant publishes a privacy-policy version.
      Visitors on a live key see nothing; this notice shows only on localhost and with test keys. Publish one with:</p>
    <pre><code>${command}</code></pre>
    <button part="button close-button" class="hide" @click=${hide}>Hide this notice</button>
  </section>`;
}

const developerNoticeStyles = css`
  .developer-notice {
    pointer-events: auto;
    max-inline-size: 60rem;
    margin: var(--_porttask-spacing-medium);
    padding: var(--_porttask-spacing-medium);
    color: var(--_porttask-color-text);
    background: var(--_porttask-color-background);
    border: 2px dashed var(--_porttask-color-danger);
    border-radius: var(--_porttask-radius);
  }

  .developer-notice pre {
    margin: 0 0 var(--_porttask-spacing-small);
    padding: var(--_porttask-spacing-small);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    background: var(--_porttask-color-surface);
  }

  .hide {
    min-block-size: 2.75rem;
    font: inherit;
    color: var(--_porttask-color-on-primary);
    background: var(--_porttask-color-primary);
    border: 2px solid var(--_porttask-color-primary);
    border-radius: var(--_porttask-radius-small);
    cursor: pointer;
  }
`;
