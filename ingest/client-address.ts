import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * Who is asking, for the rate limits: the address of the connection. X-Forwarded-For is a
 * header anyone can type, so it is believed only when the connection comes from a configured
 * reverse proxy (PORTAL_TRUSTED_PROXIES), and then only up to the last hop no trusted proxy
 * vouches for: walking the list from the right, past our own proxies, the first other address
 * is the one our outermost proxy saw. Whatever a client writes to the left of that is ignored.
 */

/** Reads the connection's address; @hono/node-server's by default, a constant in tests without a socket. */
export type RemoteAddress = (c: Context) => string | undefined;

/** The key when there is no socket to ask (app.request() in tests): every such request is one client. */
export const UNKNOWN_ADDRESS = 'unknown';

export interface ClientAddressOptions {
  /** addresses or CIDR blocks (`10.0.0.0/8`, `fd00::/8`) of our reverse proxies */
  trustedProxies: readonly string[];
  remoteAddress?: RemoteAddress;
}

/** A function from a request to the client's address, built once per app. */
export function clientAddressReader(options: ClientAddressOptions): (c: Context) => string {
  const trusted = trustList(options.trustedProxies);
  const remote = options.remoteAddress ?? socketAddress;
  return (c) => clientAddress(remote(c), c.req.header('x-forwarded-for'), trusted);
}

/** The client's address from the connection's and the X-Forwarded-For header. */
export function clientAddress(connection: string | undefined, forwardedFor: string | undefined, trusted: Trust): string {
  const direct = normalise(connection);
  if (direct === undefined) return UNKNOWN_ADDRESS;
  if (!forwardedFor || !trusted(direct)) return direct;
  const hops = forwardedFor
    .split(',')
    .map((h) => normalise(h.trim()))
    .filter((h) => h !== undefined);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    // A hop that is not an address was written by someone we do not trust: stop at what we know.
    if (isIP(hop) === 0) return i === hops.length - 1 ? direct : hops[i + 1]!;
    if (!trusted(hop)) return hop;
  }
  // Every hop is one of ours (a request from inside): the left-most is as far as it goes.
  return hops[0] ?? direct;
}

export type Trust = (address: string) => boolean;

/** Whether an address is one of the configured proxies. */
export function trustList(entries: readonly string[]): Trust {
  if (entries.length === 0) return () => false;
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.trim().split('/');
    const family = isIP(address ?? '');
    if (family === 0) throw new Error(`PORTAL_TRUSTED_PROXIES: “${entry}” is not an IP address or CIDR block`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(bits), type);
  }
  return (address) => {
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
}

// ——— private helpers ———

/** The socket's address under @hono/node-server; undefined when the request came without one. */
function socketAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: unknown; server?: { incoming?: unknown } } | undefined;
  if (!env || (!env.incoming && !env.server?.incoming)) return undefined;
  return getConnInfo(c).remote.address;
}

/** `::ffff:127.0.0.1` (IPv4 on a dual-stack socket) → `127.0.0.1`; `[::1]:80` is not a form proxies send. */
function normalise(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return (mapped?.[1] ?? address).toLowerCase();
}
