import { describe, expect, it } from 'vitest';
import { joinAddresses, lanAddresses, type NetworkInterfaces, webSocketUrl } from './lan-addresses';

/** What `os.networkInterfaces()` says on a laptop on Wi-Fi with Docker and a direct cable. */
const laptop: NetworkInterfaces = {
  lo: [
    { address: '127.0.0.1', family: 'IPv4', internal: true },
    { address: '::1', family: 'IPv6', internal: true, scopeid: 0 },
  ],
  wlan0: [
    { address: '192.168.1.20', family: 'IPv4', internal: false },
    { address: 'fe80::1c2b:3cff:fe4d:5e6f', family: 'IPv6', internal: false, scopeid: 3 },
    { address: '2001:db8::20', family: 'IPv6', internal: false, scopeid: 0 },
    { address: 'FD00::20', family: 'IPv6', internal: false, scopeid: 0 },
  ],
  eth0: [
    { address: '169.254.10.20', family: 'IPv4', internal: false },
    { address: 'fe80::abcd', family: 'IPv6', internal: false, scopeid: 2 },
  ],
  docker0: [{ address: '172.17.0.1', family: 'IPv4', internal: false }],
};

describe('lanAddresses', () => {
  it('lists IPv4 network addresses first, then IPv6, link-local IPv4, and loopback last', () => {
    expect(lanAddresses(laptop, 4444).map((address) => address.url)).toEqual([
      'ws://192.168.1.20:4444',
      'ws://172.17.0.1:4444',
      'ws://[2001:db8::20]:4444',
      'ws://[fd00::20]:4444',
      'ws://169.254.10.20:4444',
      'ws://127.0.0.1:4444',
      'ws://[::1]:4444',
    ]);
  });

  it('says which interface and scope each address belongs to', () => {
    const byUrl = new Map(lanAddresses(laptop, 4444).map((address) => [address.url, address]));
    expect(byUrl.get('ws://192.168.1.20:4444')).toEqual({
      url: 'ws://192.168.1.20:4444',
      address: '192.168.1.20',
      family: 'IPv4',
      interfaceName: 'wlan0',
      scope: 'network',
    });
    expect(byUrl.get('ws://169.254.10.20:4444')).toMatchObject({ interfaceName: 'eth0', scope: 'link-local' });
    expect(byUrl.get('ws://[::1]:4444')).toMatchObject({ family: 'IPv6', scope: 'loopback' });
  });

  it('leaves out IPv6 link-local addresses, which a browser cannot open without a zone id', () => {
    const urls = lanAddresses(laptop, 4444).map((address) => address.url);
    expect(urls.some((url) => url.includes('fe80'))).toBe(false);
    expect(lanAddresses({ eth0: [{ address: 'fe80::1%eth0', family: 'IPv6', internal: false }] }, 1)).toEqual([]);
  });

  it('keeps only the families asked for', () => {
    expect(lanAddresses(laptop, 4444, ['IPv4']).every((address) => address.family === 'IPv4')).toBe(true);
    expect(lanAddresses(laptop, 4444, ['IPv6']).map((address) => address.url)).toEqual([
      'ws://[2001:db8::20]:4444',
      'ws://[fd00::20]:4444',
      'ws://[::1]:4444',
    ]);
  });

  it('accepts the numeric families of Node 18.0–18.3 and skips what it cannot read', () => {
    const odd: NetworkInterfaces = {
      en0: [
        { address: '10.0.0.5', family: 4, internal: false },
        { address: 'fd12::5', family: 6, internal: false },
        { address: '10.0.0.6', family: 'IPX', internal: false },
        { address: '300.1.1.1', family: 'IPv4', internal: false },
        { address: '0.0.0.0', family: 'IPv4', internal: false },
        { address: '::', family: 'IPv6', internal: false },
        { address: 'ff02::1', family: 'IPv6', internal: false },
        { address: 'not an address', family: 'IPv6', internal: false },
      ],
      empty: undefined,
      none: [],
    };
    expect(lanAddresses(odd, 80).map((address) => address.url)).toEqual(['ws://10.0.0.5:80', 'ws://[fd12::5]:80']);
  });

  it('lists an address once even if two interfaces report it', () => {
    const duplicated: NetworkInterfaces = {
      a: [{ address: '192.168.0.2', family: 'IPv4', internal: false }],
      b: [{ address: '192.168.0.2', family: 'IPv4', internal: false }],
    };
    expect(lanAddresses(duplicated, 4444)).toEqual([
      { url: 'ws://192.168.0.2:4444', address: '192.168.0.2', family: 'IPv4', interfaceName: 'a', scope: 'network' },
    ]);
  });

  it('gives an empty list on a machine without interfaces', () => {
    expect(lanAddresses({}, 4444)).toEqual([]);
  });
});

describe('joinAddresses', () => {
  it('lists IPv4 interfaces only for a server on 0.0.0.0', () => {
    expect(joinAddresses('0.0.0.0', 5000, laptop).map((address) => address.url)).toEqual([
      'ws://192.168.1.20:5000',
      'ws://172.17.0.1:5000',
      'ws://169.254.10.20:5000',
      'ws://127.0.0.1:5000',
    ]);
  });

  it('lists both families for a server on ::, which Node makes dual-stack', () => {
    expect(joinAddresses('::', 5000, laptop)).toEqual(lanAddresses(laptop, 5000));
  });

  it('lists only the bound address for a server bound to one', () => {
    expect(joinAddresses('192.168.1.20', 5000, laptop)).toEqual([
      {
        url: 'ws://192.168.1.20:5000',
        address: '192.168.1.20',
        family: 'IPv4',
        interfaceName: 'wlan0',
        scope: 'network',
      },
    ]);
    expect(joinAddresses('::1', 5000, laptop)).toEqual([
      { url: 'ws://[::1]:5000', address: '::1', family: 'IPv6', interfaceName: 'lo', scope: 'loopback' },
    ]);
    expect(joinAddresses('10.9.9.9', 5000, laptop)).toMatchObject([{ interfaceName: '', scope: 'network' }]);
  });
});

describe('webSocketUrl', () => {
  it('brackets IPv6 addresses', () => {
    expect(webSocketUrl('192.168.1.20', 'IPv4', 4444)).toBe('ws://192.168.1.20:4444');
    expect(webSocketUrl('fd00::20', 'IPv6', 4444)).toBe('ws://[fd00::20]:4444');
    expect(new URL(webSocketUrl('fd00::20', 'IPv6', 4444)).hostname).toBe('[fd00::20]');
  });
});
