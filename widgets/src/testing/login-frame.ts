import { fixture, html } from '@open-wc/testing';
import '../elements/login/porttask-login.ts';
import type { PortTaskLogin } from '../elements/login/porttask-login.ts';
import { evaluateInFrame } from './screenshots.ts';
import { testEnvironment } from './test-environment.ts';
import { waitUntil } from './wait-until.ts';

/*
 * Drives the login frame (`/embed/login`, of the API's origin) from a widget test: the test
 * page may not read a frame of another origin, so these run their scripts in it through a
 * server command. The states a visitor sees: sign-in, sign-up, and a refused sign-in.
 */
/**
 * The address of the element's frame, to find that frame among the page's: the frame of a
 * test before (another locale) may not have been detached yet.
 */
export function loginFrameUrl(element: PortTaskLogin): string {
  const frame = element.shadowRoot!.querySelector('iframe');
  if (!frame) throw new Error('<porttask-login> shows no frame.');
  return frame.src;
}
export type LoginFrameState = 'sign-in' | 'sign-up' | 'error';

/** Mounts `<porttask-login>` in `locale`; resolves once its frame has loaded and sized itself. */
export async function mountLogin(locale: string): Promise<PortTaskLogin> {
  const { apiUrl, publishableKey } = testEnvironment();
  localStorage.clear(); // no stored sign-in: the element shows the frame
  await loadCatalog(locale);
  const element = await fixture<PortTaskLogin>(html`<porttask-login api-url=${apiUrl} publishable-key=${publishableKey} locale=${locale}></porttask-login>`);
  await waitUntil(() => element.shadowRoot!.querySelector('iframe')?.src.includes(`locale=${locale}&`), `a frame in ${locale}`);
  await frameSettled(element);
  return element;
}

/**
 * Until its catalog has loaded, the element frames an English page, then one in its locale.
 * Playwright may not follow a cross-origin frame that navigates again (it keeps answering from
 * the first page), so the catalog is loaded first, by an element without an API that frames
 * nothing, and the element under test frames its locale's page at once.
 */
async function loadCatalog(locale: string): Promise<void> {
  const loader = Object.assign(document.createElement('porttask-login'), { locale });
  document.body.append(loader);
  try {
    await waitUntil(() => loader.shadowRoot?.querySelector('[lang]')?.getAttribute('lang') === locale, `the login texts in ${locale}`);
  } finally {
    loader.remove();
  }
}

/** Brings the frame into `state`: the sign-up form, or the sign-in form refusing a wrong password. */
export async function showLoginState(element: PortTaskLogin, state: LoginFrameState, email = 'nobody@example.com'): Promise<void> {
  if (state === 'sign-up') {
    await evaluateInFrame(loginFrameUrl(element), () => {
      document.querySelector<HTMLButtonElement>('[data-show="sign-up"]')!.click();
      document.querySelector<HTMLElement>(':focus')?.blur(); // the focus ring is not what is compared
    });
  } else if (state === 'error') {
    const shown = await evaluateInFrame(loginFrameUrl(element), async (address: string) => {
      if (document.getElementById('sign-in')!.hidden) document.querySelector<HTMLButtonElement>('[data-show="sign-in"]')!.click();
      const form = document.getElementById('sign-in-form') as HTMLFormElement;
      (form.elements.namedItem('email') as HTMLInputElement).value = address;
      (form.elements.namedItem('password') as HTMLInputElement).value = 'not-the-password-1';
      form.requestSubmit();
      const error = document.getElementById('sign-in-error')!;
      for (let waited = 0; !error.textContent && waited < 8_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      document.querySelector<HTMLElement>(':focus')?.blur();
      return error.textContent;
    }, email);
    if (!shown) throw new Error('The login frame showed no error for a wrong password.');
  }
  await frameSettled(element);
}

/** Waits until the element has taken the frame's current height (the frame posts it on every resize). */
async function frameSettled(element: PortTaskLogin): Promise<void> {
  const height = await evaluateInFrame(loginFrameUrl(element), async () => {
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return Math.min(Math.max(Math.ceil(document.documentElement.getBoundingClientRect().height), 200), 2000);
  });
  await waitUntil(() => element.frameHeight === height, `the frame at its height (${height}px)`);
  await element.updateComplete;
}
