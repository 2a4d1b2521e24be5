import type { WidgetConfig } from '@porttask/sdk';

// What the loader publishes on partner pages, as seen from page.evaluate() in e2e tests.
declare global {
  var PortTask: { version: string; config: Promise<WidgetConfig> } | undefined;
}
