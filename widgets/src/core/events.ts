import type { WidgetConfig } from '@porttask/sdk';

/** Detail of `porttask-ready`: the tenant's widget configuration, once it has arrived. */
export interface PortTaskReadyDetail {
  config: WidgetConfig;
}

/**
 * Detail of `porttask-error`. `status` is 0 when no HTTP answer arrived (offline, CORS
 * refusal, API down); `code` is the API's error code, so pages can switch on it.
 */
export interface PortTaskErrorDetail {
  status: number;
  code: string;
  message: string;
  requestId?: string | undefined;
}

declare global {
  // Every `porttask-…` event is listed here, so `addEventListener('porttask-ready', e => …)`
  // is typed on any element, on document and on window. A new event is one line here
  // (or in the element that owns it).
  interface GlobalEventHandlersEventMap {
    'porttask-ready': CustomEvent<PortTaskReadyDetail>;
    'porttask-error': CustomEvent<PortTaskErrorDetail>;
  }
}

/** Names of the events PortTask dispatches. */
export type PortTaskEventName = Extract<keyof GlobalEventHandlersEventMap, `porttask-${string}`>;

/** The `detail` type of a PortTask event, read from the map above. */
export type PortTaskEventDetail<Name extends PortTaskEventName> =
  GlobalEventHandlersEventMap[Name] extends CustomEvent<infer Detail> ? Detail : never;

/**
 * Dispatches a PortTask event that bubbles and crosses shadow roots (`composed`), so a page
 * can listen on the element, on any ancestor, or on document. Returns false when a listener
 * called `preventDefault()` on a cancelable event.
 */
export function dispatchPortTaskEvent<Name extends PortTaskEventName>(
  target: EventTarget,
  name: Name,
  detail: PortTaskEventDetail<Name>,
  options: { cancelable?: boolean } = {},
): boolean {
  return target.dispatchEvent(
    new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }),
  );
}
