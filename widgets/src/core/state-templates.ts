import { css, html, nothing, type TemplateResult } from 'lit';
import type { DescribedError, ErrorKind } from './describe-error.ts';
import type { LocalizeController } from './localize.ts';
import type english from './locales/en.ts';

type CoreLocalize = LocalizeController<typeof english>;

/*
 * The three states every element shows besides its content. Their markup is shared so they
 * look, read and announce the same everywhere: loading is a polite status, an error is an
 * alert with a way out (Retry), empty says so instead of showing a blank box.
 */

/** Loading: announced politely; the element's base carries `aria-busy` meanwhile. */
export function renderLoading(localize: CoreLocalize): TemplateResult {
  return html`<div part="loading" class="state state--loading" role="status">
    <span class="spinner" aria-hidden="true"></span>
    <span>${localize.term('loading')}</span>
  </div>`;
}

/** Empty: the request worked but there is nothing to show. */
export function renderEmpty(message: string): TemplateResult {
  return html`<p part="empty" class="state state--empty">${message}</p>`;
}

const messageKeyByKind = {
  network: 'errorNetwork',
  unauthorized: 'errorUnauthorized',
  'origin-not-allowed': 'errorOriginNotAllowed',
  server: 'errorServer',
  'missing-setting': 'errorMissingSetting',
} as const satisfies Record<ErrorKind, keyof typeof english>;

/**
 * Error: a clear, localized sentence for the kind of failure (never the raw API message,
 * which is for developers and in English), the request id for support, and Retry. A missing
 * setting cannot be fixed by retrying, so it offers none.
 */
export function renderError(localize: CoreLocalize, error: DescribedError, onRetry: () => void): TemplateResult {
  const messageKey = messageKeyByKind[error.kind];
  const message =
    messageKey === 'errorMissingSetting'
      ? localize.term(messageKey, { setting: error.setting ?? '' })
      : localize.term(messageKey);
  return html`<div part="error" class="state state--error" role="alert">
    <p class="state__title">${localize.term('errorTitle')}</p>
    <p class="state__message">${message}</p>
    ${error.requestId
      ? html`<p class="state__reference">${localize.term('errorReference', { requestId: error.requestId })}</p>`
      : nothing}
    ${error.kind === 'missing-setting'
      ? nothing
      : html`<button part="retry-button" type="button" @click=${onRetry}>${localize.term('retry')}</button>`}
  </div>`;
}

export const stateStyles = css`
  .state {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_porttask-spacing-small);
    margin: 0;
    padding: var(--_porttask-spacing-medium);
    border-radius: var(--_porttask-radius);
  }

  .state--loading {
    flex-direction: row;
    align-items: center;
    color: var(--_porttask-color-text-muted);
  }

  .state--empty {
    color: var(--_porttask-color-text-muted);
    background: var(--_porttask-color-surface);
  }

  .state--error {
    border: 1px solid var(--_porttask-color-danger);
    background: var(--_porttask-color-danger-surface);
  }

  .state p {
    margin: 0;
  }

  .state__title {
    font-weight: 600;
    color: var(--_porttask-color-danger);
  }

  .state__reference {
    font-size: 0.875em;
    color: var(--_porttask-color-text);
  }

  .spinner {
    inline-size: 1.25em;
    block-size: 1.25em;
    border: 0.2em solid var(--_porttask-color-border);
    border-block-start-color: var(--_porttask-color-primary);
    border-radius: 50%;
    animation: porttask-spin 0.8s linear infinite;
  }

  @keyframes porttask-spin {
    to {
      transform: rotate(360deg);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
`;
