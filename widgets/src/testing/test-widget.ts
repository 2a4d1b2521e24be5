import { html } from 'lit';
import type { WidgetConfig } from '@porttask/sdk';
import { defineElement } from '../core/define.ts';
import { PortTaskElement } from '../core/porttask-element.ts';

/**
 * The smallest real PortTask element, for tests of the base class: it shows the tenant's
 * name once the configuration has arrived, or the empty state when the tenant enables no
 * widgets and `empty-when-no-widgets` is set.
 */
export class TestWidget extends PortTaskElement {
  // Lit merges these with the base class's properties.
  static override properties = {
    emptyWhenNoWidgets: { type: Boolean, attribute: 'empty-when-no-widgets' },
  };

  declare emptyWhenNoWidgets: boolean;

  constructor() {
    super();
    this.emptyWhenNoWidgets = false;
  }

  /** The configuration controller, which the base class keeps protected. */
  get configurationForTests() {
    return this.configuration;
  }

  protected override renderContent(config: WidgetConfig) {
    if (this.emptyWhenNoWidgets && config.widgets.length === 0) return this.renderEmpty();
    return html`<p part="content">${config.tenant.name}</p>`;
  }
}

defineElement('porttask-test-widget', TestWidget);

declare global {
  interface HTMLElementTagNameMap {
    'porttask-test-widget': TestWidget;
  }
}
