// TRUST_PROXY: the reverse proxies whose word about the client is believed (X-Forwarded-For/-Proto,
// X-Request-Id). Anyone else could put anything in those headers.
import { BlockList, isIP } from 'node:net';

/** Whether a peer address is one of the trusted proxies (IPv4-mapped IPv6 addresses count as IPv4). */
export type ProxyCheck = (peerAddress: string | undefined) => boolean;

export function trustedProxyCheck(entries: readonly string[]): ProxyCheck {
  if (entries.length === 0) return () => false;
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return (peer) => {
    if (!peer) return false;
    const plain = peer.startsWith('::ffff:') && isIP(peer.slice(7)) === 4 ? peer.slice(7) : peer;
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  };
}
