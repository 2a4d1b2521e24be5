import ipaddr from 'ipaddr.js';
import type { Environment } from '@porttask/sdk/schemas';

const LOOPBACK_NAMES = /^(?:localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.localhost)$/i;

/** An IP literal's range (`unicast` is the public Internet), or undefined for a name. */
function rangeOf(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return undefined;
  const address = ipaddr.parse(bare);
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is that IPv4 address.
  return (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address).range();
}

/**
 * Why a webhook URL is refused for an environment, or undefined when it is fine. Live
 * endpoints are `https://` on a public address; test endpoints may also be plain
 * `http://` on this machine, for a developer's receiver. Names are checked again, by the
 * address they resolve to, at every delivery (webhook-request.ts): this catches the obvious
 * at once, with a clear message.
 */
export function refusalOfEndpointUrl(text: string, environment: Environment): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not a URL';
  }
  if (url.username || url.password) return 'must not hold a user name or password (they would be sent and logged with every delivery)';
  if (url.hash) return 'must not have a #fragment';
  const range = rangeOf(url.hostname);
  const loopback = LOOPBACK_NAMES.test(url.hostname) || range === 'loopback';
  if (environment === 'live') {
    if (url.protocol !== 'https:') return 'must be https:// for a live endpoint';
    if (loopback) return 'must not be this machine (localhost) for a live endpoint';
    if (range !== undefined && range !== 'unicast') return `must be a public address for a live endpoint (${url.hostname} is ${range})`;
    return undefined;
  }
  if (url.protocol === 'http:' && !loopback) return 'must be https://, or http:// on localhost, for a test endpoint';
  if (range === 'linkLocal' || range === 'unspecified') return `must not be a ${range} address`;
  return undefined;
}
