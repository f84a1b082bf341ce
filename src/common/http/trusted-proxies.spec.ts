import { trustedProxyCheck } from './trusted-proxies.js';

describe('trusted proxies', () => {
  it('trusts nobody when none are configured', () => {
    expect(trustedProxyCheck([])('127.0.0.1')).toBe(false);
  });

  it('matches single addresses and CIDR ranges, IPv4-mapped addresses as IPv4', () => {
    const trusted = trustedProxyCheck(['10.0.0.5', '192.168.0.0/16', 'fd00::/8']);
    expect(trusted('10.0.0.5')).toBe(true);
    expect(trusted('::ffff:10.0.0.5')).toBe(true);
    expect(trusted('10.0.0.6')).toBe(false);
    expect(trusted('192.168.44.3')).toBe(true);
    expect(trusted('fd12::1')).toBe(true);
    expect(trusted('2001:db8::1')).toBe(false);
    expect(trusted(undefined)).toBe(false);
    expect(trusted('not an address')).toBe(false);
  });
});
