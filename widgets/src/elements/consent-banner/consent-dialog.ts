import { css, html, nothing, unsafeCSS, type TemplateResult } from 'lit';
import { closeButtonStyles } from '../../core/close-button.ts';
import type { ConsentPurpose } from '@porttask/sdk';

// The dialog's focus handling travels with the dialog's chunk (fetched after the banner shows).
export { focusableIn, trapTab } from './consent-focus.ts';

/**
 * The preferences dialog's content and styles: a chunk of its own, loaded when the visitor
 * opens the preferences (and prefetched when the browser is idle after the banner showed).
 * Every visitor sees the first layer; few open the dialog, so its code is not part of the
 * banner's first load.
 */
export interface DialogView {
  purposes: readonly ConsentPurpose[];
  draft: Readonly<Record<string, boolean>>;
  title: string;
  closeLabel: string;
  alwaysOn: string;
  saveLabel: string;
  purposeText(purpose: ConsentPurpose): { name: string; description: string };
  servicesText(services: string): string;
  notice: unknown;
  choiceButtons: unknown;
  toggle(purposeKey: string, granted: boolean): void;
  save(): void;
  close(): void;
}

export function renderDialogContent(view: DialogView): TemplateResult {
  return html`
    <div class="header">
      <h2 id="preferences-title">${view.title}</h2>
      <button part="close-button" class="close" aria-label=${view.closeLabel} @click=${view.close}>×</button>
    </div>
    ${view.notice}
    <ul>
      ${view.purposes.map((purpose) => {
        const { name, description } = view.purposeText(purpose);
        const services = purpose.services.map((service) => service.name).join(', ');
        return html`<li part="purpose">
          <label class="purpose">${name}
            <input part="switch" type="checkbox" role="switch" data-purpose=${purpose.key} aria-describedby="about-${purpose.key}"
              .checked=${view.draft[purpose.key] ?? false} ?disabled=${purpose.required}
              @change=${(event: Event) => view.toggle(purpose.key, (event.target as HTMLInputElement).checked)}></label>
          <p id="about-${purpose.key}">${description}${purpose.required ? ` ${view.alwaysOn}.` : ''}${services ? html`<br>${view.servicesText(services)}` : nothing}</p>
        </li>`;
      })}
    </ul>
    <div class="actions">
      ${view.choiceButtons}
      <button part="button save-button" class="button" @click=${view.save}>${view.saveLabel}</button>
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
