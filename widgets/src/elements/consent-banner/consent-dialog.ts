import { css, html, nothing, unsafeCSS, type TemplateResult } from 'lit';
import { closeButtonStyles } from '../../core/close-button.ts';
import type { ConsentPurpose } from '@porttask/sdk';

import { trapTab } from './consent-focus.ts';

// The dialog's focus handling travels with the dialog's chunk (fetched after the banner shows).
export { focusableIn } from './consent-focus.ts';

/**
 * The preferences dialog's content and styles: a chunk of its own, loaded when the visitor
 * opens the preferences (and prefetched when the browser is idle after the banner showed).
 * Every visitor sees the first layer; few open the dialog, so its code is not part of the
 * banner's first load.
 */
export interface DialogView {
  purposes: readonly ConsentPurpose[];
  /** The switches while the dialog is open; undefined while it is closed (nothing rendered inside). */
  draft: Readonly<Record<string, boolean>> | undefined;
  locale: string;
  dir: 'ltr' | 'rtl';
  /** The banner's shadow root, where focus is tracked. */
  root: ShadowRoot;
  /** One of the dialog's texts, in the banner's locale (with the tenant's own wording). */
  text(key: 'preferencesTitle' | 'close' | 'alwaysOn' | 'save'): string;
  purposeText(purpose: ConsentPurpose): { name: string; description: string };
  servicesText(services: string): string;
  notice: unknown;
  choiceButtons: unknown;
  toggle(purposeKey: string, granted: boolean): void;
  save(): void;
  close(): void;
}

/** The `<dialog>` (closing it by Escape or by the browser closes without deciding), and its content while open. */
export function renderDialog(view: DialogView): TemplateResult {
  return html`<dialog part="dialog" aria-labelledby="preferences-title" lang=${view.locale} dir=${view.dir}
    @cancel=${(event: Event) => { event.preventDefault(); view.close(); }}
    @close=${view.close}
    @keydown=${(event: KeyboardEvent) => trapTab(event, event.currentTarget as HTMLElement, view.root)}>
    ${view.draft ? renderDialogContent(view, view.draft) : nothing}
  </dialog>`;
}

function renderDialogContent(view: DialogView, draft: Readonly<Record<string, boolean>>): TemplateResult {
  return html`
    <div class="header">
      <h2 id="preferences-title">${view.text('preferencesTitle')}</h2>
      <button part="close-button" class="close" aria-label=${view.text('close')} @click=${view.close}>×</button>
    </div>
    ${view.notice}
    <ul>
      ${view.purposes.map((purpose) => {
        const { name, description } = view.purposeText(purpose);
        const services = purpose.services.map((service) => service.name).join(', ');
        return html`<li part="purpose">
          <label class="purpose">${name}
            <input part="switch" type="checkbox" role="switch" data-purpose=${purpose.key} aria-describedby="about-${purpose.key}"
              .checked=${draft[purpose.key] ?? false} ?disabled=${purpose.required}
              @change=${(event: Event) => view.toggle(purpose.key, (event.target as HTMLInputElement).checked)}></label>
          <p id="about-${purpose.key}">${description}${purpose.required ? ` ${view.text('alwaysOn')}.` : ''}${services ? html`<br>${view.servicesText(services)}` : nothing}</p>
        </li>`;
      })}
    </ul>
    <div class="actions">
      ${view.choiceButtons}
      <button part="button save-button" class="button" @click=${view.save}>${view.text('save')}</button>
    </div>`;
}

const ownStyles = css`
  dialog {
    pointer-events: auto;
    inline-size: min(40rem, calc(100vw - 2rem));
    max-block-size: calc(100vh - 2rem);
    padding: var(--_porttask-spacing-large);
    color: var(--_porttask-color-text);
    background: var(--_porttask-color-background);
    border: 1px solid var(--_porttask-color-border);
    border-radius: var(--_porttask-radius);
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 0.55);
  }

  .header {
    display: flex;
    align-items: start;
    justify-content: space-between;
    gap: var(--_porttask-spacing-medium);
  }

  ul {
    margin: 0 0 var(--_porttask-spacing-medium);
    padding: 0;
    list-style: none;
  }

  li {
    padding-block: var(--_porttask-spacing-small);
    border-block-end: 1px solid var(--_porttask-color-border);
  }

  li p {
    margin: var(--_porttask-spacing-extra-small) 0 0;
    color: var(--_porttask-color-text-muted);
  }

  .purpose {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_porttask-spacing-medium);
    font-weight: 600;
  }

  input {
    inline-size: 1.5rem;
    block-size: 1.5rem;
    margin: 0;
    accent-color: var(--_porttask-color-primary);
  }
`;

/** Adopted by the banner when the dialog loads: the shared close button, then the dialog's own. */
export const dialogStyles = unsafeCSS(closeButtonStyles.cssText + ownStyles.cssText);
