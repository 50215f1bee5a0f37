import 'server-only';
import { BlockList, isIP } from 'node:net';

/** One trusted proxy address or CIDR block, as configured in DAEMONSCOPE_PROXY_TRUSTED. */
export type TrustedPeer = string;

/** A configured entry that is neither an IP address nor a CIDR block; the message says which. */
export function invalidTrustedPeer(entry: string): string | undefined {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return `"${entry}" is not an IP address or CIDR block`;
  if (prefix === undefined) return undefined;
  const bits = Number(prefix);
  const max = family === 4 ? 32 : 128;
  return /^\d+$/.test(prefix) && bits <= max ? undefined : `"${entry}" has a prefix length outside 0-${max}`;
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is `10.0.0.1`. */
function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

/** Whether `address` is one of the configured proxies; entries are validated by the config already. */
export function isTrustedPeer(address: string | undefined, trusted: readonly TrustedPeer[]): boolean {
  if (address === undefined) return false;
  const peer = normalise(address.trim());
  const family = isIP(peer);
  if (family === 0) return false;
  const list = new BlockList();
  for (const entry of trusted) {
    if (invalidTrustedPeer(entry) !== undefined) continue;
    const [base = '', prefix] = entry.split('/');
    const type = isIP(base) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(normalise(base), type);
    else list.addSubnet(base, Number(prefix), type);
  }
  return list.check(peer, family === 4 ? 'ipv4' : 'ipv6');
}

/** The header the front server (scripts/serve-proxy-mode.ts) overwrites with the socket's peer address on every request. */
export const PEER_HEADER = 'x-daemonscope-peer';

/**
 * The address of the peer that sent the request. Route handlers see no socket, and `next start` keeps
 * a client's own X-Forwarded-For, so only a header our front server overwrites on every request can
 * be believed: `stamped` says that server runs. Without it no peer is known and no proxy is trusted.
 */
export function peerAddress(request: Request, stamped: boolean): string | undefined {
  if (!stamped) return undefined;
  const value = request.headers.get(PEER_HEADER)?.trim();
  return value === undefined || value === '' ? undefined : value;
}
