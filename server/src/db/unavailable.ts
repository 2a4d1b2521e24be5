/**
 * Whether an error says the database is unreachable or refusing work for now (down, restarting,
 * in recovery, out of connections, too slow), rather than that the request was wrong: such a
 * request gets 503 with Retry-After, and the client's retry will succeed once it is back.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED']);
/** SQLSTATEs: admin/crash shutdown, cannot connect now (starting, recovering), too many connections, statement timeout. */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300', '57014']);

export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return NETWORK_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08'); // class 08: connection exception
}
