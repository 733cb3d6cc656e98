import { describe, expect, it } from 'vitest';
import { clientAddress, trustList, UNKNOWN_ADDRESS } from './client-address.ts';

describe('client address', () => {
  const none = trustList([]);
  const proxies = trustList(['10.0.0.5', '192.168.0.0/16', 'fd00::/8']);

  it('is the connection address, whatever X-Forwarded-For says, when no proxy is trusted', () => {
    expect(clientAddress('203.0.113.9', '1.1.1.1', none)).toBe('203.0.113.9');
  });

  it('ignores X-Forwarded-For from a connection that is not a trusted proxy', () => {
    expect(clientAddress('203.0.113.9', '1.1.1.1', proxies)).toBe('203.0.113.9');
  });

  it('takes the right-most hop that is not a trusted proxy, ignoring what the client wrote to its left', () => {
    expect(clientAddress('10.0.0.5', '6.6.6.6, 198.51.100.7', proxies)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.5', '6.6.6.6, 198.51.100.7, 192.168.3.4', proxies)).toBe('198.51.100.7');
    expect(clientAddress('::ffff:10.0.0.5', 'fd00::1, 2001:db8::1, fd12::9', proxies)).toBe('2001:db8::1');
  });

  it('stops at a hop that is not an address rather than believe it', () => {
    expect(clientAddress('10.0.0.5', 'spoofed-junk', proxies)).toBe('10.0.0.5');
    expect(clientAddress('10.0.0.5', '1.2.3.4, junk, 192.168.1.1', proxies)).toBe('192.168.1.1');
  });

  it('keys IPv4 on a dual-stack socket as plain IPv4, and says unknown without a socket', () => {
    expect(clientAddress('::ffff:203.0.113.9', undefined, none)).toBe('203.0.113.9');
    expect(clientAddress(undefined, '1.1.1.1', proxies)).toBe(UNKNOWN_ADDRESS);
  });

  it('refuses a trusted-proxy entry that is not an address', () => {
    expect(() => trustList(['proxy.internal'])).toThrow(/PORTAL_TRUSTED_PROXIES/);
  });
});
