import type { PortTaskErrorDetail } from './events.ts';

/** What went wrong, in the terms the error message is chosen by. */
export type ErrorKind = 'network' | 'unauthorized' | 'origin-not-allowed' | 'server' | 'missing-setting';

export interface DescribedError extends PortTaskErrorDetail {
  kind: ErrorKind;
  /** For `missing-setting`: the attribute to add. */
  setting?: string | undefined;
}

/** Thrown before any request when an element has no publishable key or API URL to use. */
export class MissingSettingError extends Error {
  override name = 'MissingSettingError';
  constructor(readonly setting: 'publishable-key' | 'api-url') {
    super(`The ${setting} attribute is missing (and no porttask.js loader on the page provides it).`);
  }
}

/**
 * Sorts any failure into what the user is told. Works on the SDK's typed errors and on the
 * loader's prefetch errors alike (both carry `status`, `code`, `requestId`), so neither has to
 * import the other; anything unknown counts as a server problem rather than crashing the page.
 */
export function describeError(error: unknown): DescribedError {
  if (error instanceof MissingSettingError) {
    return { kind: 'missing-setting', setting: error.setting, status: 0, code: 'MISSING_SETTING', message: error.message };
  }
  const fields = (typeof error === 'object' && error !== null ? error : {}) as {
    status?: unknown;
    code?: unknown;
    message?: unknown;
    requestId?: unknown;
  };
  const status = typeof fields.status === 'number' ? fields.status : 0;
  // fetch rejects with a TypeError when no answer arrives; anything else unknown is our fault.
  const code = typeof fields.code === 'string' ? fields.code : error instanceof TypeError ? 'CONNECTION_ERROR' : 'INTERNAL_ERROR';
  const message = typeof fields.message === 'string' ? fields.message : String(error);
  const requestId = typeof fields.requestId === 'string' ? fields.requestId : undefined;
  return { kind: kindOf(status, code), status, code, message, requestId };
}

function kindOf(status: number, code: string): ErrorKind {
  if (code === 'ORIGIN_NOT_ALLOWED') return 'origin-not-allowed';
  if (status === 401 || status === 403) return 'unauthorized';
  // No HTTP answer: offline, DNS, API down, or a CORS refusal the browser will not explain.
  if (status === 0 && code === 'CONNECTION_ERROR') return 'network';
  return 'server';
}
