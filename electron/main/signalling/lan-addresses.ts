/**
 * The `ws://` addresses other machines can use to reach a signalling server, worked out
 * from the shape `os.networkInterfaces()` returns. Pure: the caller passes the interfaces
 * in, so the same input always gives the same list.
 *
 * Order, most useful first: IPv4 network addresses, then IPv6 network addresses (global
 * and unique-local), then IPv4 link-local (169.254.x.x, what two laptops joined by a cable
 * without DHCP get), then loopback, which only reaches this same machine. Within a group
 * the interfaces keep the operating system's order.
 *
 * IPv6 link-local addresses (fe80::/10) are left out: they need a zone id ("%eth0") to be
 * reached, and browsers reject zone ids in URLs, so a y-webrtc client could not use them.
 */

/** One address of one interface, as `os.networkInterfaces()` reports it. */
export interface InterfaceAddress {
  address: string;
  /** 'IPv4' / 'IPv6'; Node 18.0–18.3 reported 4 / 6. */
  family: string | number;
  internal: boolean;
  scopeid?: number;
}

/** `os.networkInterfaces()`: interface name → its addresses. */
export type NetworkInterfaces = Readonly<Record<string, readonly InterfaceAddress[] | undefined>>;

export type AddressFamily = 'IPv4' | 'IPv6';

/**
 * Who can use an address: `network` — other machines on a network this one is on;
 * `link-local` — only machines on the same link, e.g. a direct cable (IPv4 169.254.x.x);
 * `loopback` — this machine only.
 */
export type AddressScope = 'network' | 'link-local' | 'loopback';

/** A URL to show to people who want to join, with what the UI needs to label it. */
export interface JoinAddress {
  url: string;
  address: string;
  family: AddressFamily;
  /** The interface it belongs to ('' when the address is not on any listed interface). */
  interfaceName: string;
  scope: AddressScope;
}

const ALL_FAMILIES: readonly AddressFamily[] = ['IPv4', 'IPv6'];

/**
 * Every address of `interfaces` that others could join at, as `ws://` URLs on `port`,
 * in the order described in the module comment, without duplicates.
 */
export function lanAddresses(
  interfaces: NetworkInterfaces,
  port: number,
  families: readonly AddressFamily[] = ALL_FAMILIES,
): JoinAddress[] {
  const found: JoinAddress[] = [];
  const seen = new Set<string>();
  for (const [interfaceName, entries] of Object.entries(interfaces)) {
    for (const entry of entries ?? []) {
      const joinAddress = toJoinAddress(entry, interfaceName, port);
      if (joinAddress === null || !families.includes(joinAddress.family) || seen.has(joinAddress.url)) continue;
      seen.add(joinAddress.url);
      found.push(joinAddress);
    }
  }
  // Array.prototype.sort is stable, so interfaces keep their order within a rank.
  return found.sort((a, b) => rank(a) - rank(b));
}

/**
 * The addresses to show for a server listening on `boundAddress` (what
 * `server.address().address` says): every interface for a wildcard address (`0.0.0.0`
 * means IPv4 only; `::` also accepts IPv4, as Node listens dual-stack by default), or the
 * one address it is bound to.
 */
export function joinAddresses(boundAddress: string, port: number, interfaces: NetworkInterfaces): JoinAddress[] {
  if (boundAddress === '0.0.0.0') return lanAddresses(interfaces, port, ['IPv4']);
  if (boundAddress === '::') return lanAddresses(interfaces, port);
  const family: AddressFamily = boundAddress.includes(':') ? 'IPv6' : 'IPv4';
  const interfaceName =
    Object.entries(interfaces).find(([, entries]) => entries?.some((entry) => entry.address === boundAddress))?.[0] ??
    '';
  const joinAddress = toJoinAddress({ address: boundAddress, family, internal: false }, interfaceName, port);
  return joinAddress === null ? [] : [joinAddress];
}

/** `ws://192.168.1.20:4444`, `ws://[fd00::20]:4444`. */
export function webSocketUrl(address: string, family: AddressFamily, port: number): string {
  return family === 'IPv6' ? `ws://[${address}]:${port}` : `ws://${address}:${port}`;
}

function toJoinAddress(entry: InterfaceAddress, interfaceName: string, port: number): JoinAddress | null {
  const family = familyOf(entry.family);
  if (family === null || typeof entry.address !== 'string') return null;
  const address = entry.address.toLowerCase();
  const scope = family === 'IPv4' ? ipv4Scope(address, entry.internal) : ipv6Scope(address, entry.internal);
  if (scope === null) return null;
  return { url: webSocketUrl(address, family, port), address, family, interfaceName, scope };
}

function familyOf(family: string | number): AddressFamily | null {
  if (family === 'IPv4' || family === 4) return 'IPv4';
  if (family === 'IPv6' || family === 6) return 'IPv6';
  return null;
}

/** null: not an address anyone can join at. */
function ipv4Scope(address: string, internal: boolean): AddressScope | null {
  const octets = address.split('.');
  if (octets.length !== 4 || !octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255)) return null;
  const [first, second] = octets.map(Number);
  if (first === 0) return null; // 0.0.0.0/8: "this host", never a destination
  if (internal || first === 127) return 'loopback';
  if (first === 169 && second === 254) return 'link-local';
  return 'network';
}

/** null: not an address anyone can join at (including fe80::/10, see the module comment). */
function ipv6Scope(address: string, internal: boolean): AddressScope | null {
  if (address.includes('%') || !/^[0-9a-f:.]+$/.test(address) || !address.includes(':')) return null;
  if (address === '::') return null;
  if (internal || address === '::1') return 'loopback';
  const firstGroup = address.startsWith('::') ? 0 : Number.parseInt(address.split(':')[0] ?? '', 16);
  if (Number.isNaN(firstGroup)) return null;
  if ((firstGroup & 0xffc0) === 0xfe80) return null; // link-local
  if ((firstGroup & 0xff00) === 0xff00) return null; // multicast
  return 'network';
}

function rank(joinAddress: JoinAddress): number {
  const order: Record<AddressScope, Record<AddressFamily, number>> = {
    network: { IPv4: 0, IPv6: 1 },
    'link-local': { IPv4: 2, IPv6: 3 },
    loopback: { IPv4: 4, IPv6: 5 },
  };
  return order[joinAddress.scope][joinAddress.family];
}
