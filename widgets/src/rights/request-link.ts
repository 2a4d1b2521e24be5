/*
 * The link that opens a request's status page: `…/privacy-rights.html#request=rr_…&token=rqt_…`.
 * Both travel in the fragment, which browsers never send to a server (not the partner's, not
 * in a Referer). Once read, the token leaves the address bar (history.replaceState), so it is
 * not in a screenshot, a bookmark or a link shared from the page; it stays in this tab's
 * sessionStorage, so a reload still shows the request, and it is gone when the tab closes.
 */

export interface RequestLink {
  id: string;
  token: string;
}

const ID = /^rr_[0-9a-z]{20}$/;
const TOKEN = /^rqt_[0-9a-z]{32}$/;
const storageKey = (id: string) => `porttask-request-token:${id}`;

/** `#request=…&token=…` → the request and its token; anything else → undefined. */
export function parseRequestFragment(hash: string): Partial<RequestLink> {
  const fields = new URLSearchParams(hash.replace(/^#/, ''));
  const id = fields.get('request') ?? undefined;
  const token = fields.get('token') ?? undefined;
  return { ...(id && ID.test(id) ? { id } : {}), ...(token && TOKEN.test(token) ? { token } : {}) };
}

/** The fragment a status link carries. */
export function requestFragment(link: RequestLink): string {
  return `#${new URLSearchParams({ request: link.id, token: link.token }).toString()}`;
}

/**
 * Reads the request from the page's address, takes the token out of the address bar (the
 * request id stays, so the address still says which request it is) and keeps it for this tab.
 * Without a token in the address, the one this tab kept for that request, if any.
 */
export function takeRequestLinkFromAddress(): Partial<RequestLink> {
  const { id, token } = parseRequestFragment(location.hash);
  if (id && token) {
    remember(id, token);
    const url = new URL(location.href);
    url.hash = new URLSearchParams({ request: id }).toString();
    history.replaceState(history.state, '', url);
    return { id, token };
  }
  const kept = id ? recall(id) : undefined;
  return { ...(id ? { id } : {}), ...(kept ? { token: kept } : {}) };
}

function remember(id: string, token: string): void {
  try {
    sessionStorage.setItem(storageKey(id), token);
  } catch {
    // Storage may be blocked; the page still works until it is reloaded.
  }
}

function recall(id: string): string | undefined {
  try {
    const token = sessionStorage.getItem(storageKey(id));
    return token && TOKEN.test(token) ? token : undefined;
  } catch {
    return undefined;
  }
}
