import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../../../src/adapters/http/client-address.ts';
import type { AppEnv } from '../../../../src/adapters/http/env.ts';
import { canonicalAddress, TrustedProxies } from '../../../../src/adapters/http/trusted-proxies.ts';

/** Asks an app that answers with clientAddress(c, trusted), as @hono/node-server would call it. */
async function addressSeen(
  trusted: TrustedProxies | undefined,
  remoteAddress: string | undefined,
  forwardedFor: string | readonly string[] = [],
): Promise<string> {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.text(clientAddress(c, trusted)));
  const headers = new Headers();
  for (const value of typeof forwardedFor === 'string' ? [forwardedFor] : forwardedFor) headers.append('x-forwarded-for', value);
  const env = remoteAddress === undefined ? { incoming: {} } : { incoming: { socket: { remoteAddress } } };
  return (await app.request('/', { headers }, env)).text();
}

const proxies = new TrustedProxies(['10.0.0.0/8', 'loopback', 'fd00::/8']);

describe('TrustedProxies', () => {
  it('matches addresses, CIDR ranges and the shorthands, in both families', () => {
    const trusted = new TrustedProxies(['192.0.2.7', '2001:db8::/32', 'loopback', 'private']);
    for (const address of ['192.0.2.7', '2001:db8:1::9', '127.8.9.10', '::1', '10.1.2.3', '172.31.0.1', '192.168.5.5', 'fc00::1', 'fdff::2']) {
      expect(trusted.trusts(address), address).toBe(true);
    }
    for (const address of ['192.0.2.8', '2001:db9::1', '172.32.0.1', '11.0.0.1', '::2', 'fe80::1', 'not-an-ip', '']) {
      expect(trusted.trusts(address), address).toBe(false);
    }
  });

  it('matches an IPv4 peer reported as IPv4-mapped IPv6, and a mapped entry as IPv4', () => {
    expect(new TrustedProxies(['127.0.0.1']).trusts('::ffff:127.0.0.1')).toBe(true);
    expect(new TrustedProxies(['10.0.0.0/8']).trusts('::FFFF:10.9.8.7')).toBe(true);
    expect(new TrustedProxies(['::ffff:10.0.0.1']).trusts('10.0.0.1')).toBe(true);
  });

  it('trusts nothing when built from no entries, and refuses a bad entry', () => {
    expect(new TrustedProxies([]).trusts('127.0.0.1')).toBe(false);
    expect(() => new TrustedProxies(['10.0.0.0/40'])).toThrow(/^TRUST_PROXY has an entry "10.0.0.0\/40"/);
  });

  it('writes each address one way', () => {
    expect(canonicalAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(canonicalAddress('2001:DB8:0:0::1')).toBe('2001:db8::1');
    expect(canonicalAddress('203.0.113.9')).toBe('203.0.113.9');
    expect(canonicalAddress('203.0.113.900')).toBeNull();
  });
});

describe('clientAddress', () => {
  it('is the socket peer when no proxy is trusted, whatever the header says', async () => {
    expect(await addressSeen(undefined, '10.0.0.5', '198.51.100.1')).toBe('10.0.0.5');
    expect(await addressSeen(new TrustedProxies([]), '10.0.0.5', '198.51.100.1')).toBe('10.0.0.5');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    expect(await addressSeen(proxies, '203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
  });

  it('is the socket peer when a trusted proxy sent no X-Forwarded-For', async () => {
    expect(await addressSeen(proxies, '10.0.0.2')).toBe('10.0.0.2');
    expect(await addressSeen(proxies, '10.0.0.2', '')).toBe('10.0.0.2');
  });

  it('takes the address a trusted proxy appended', async () => {
    expect(await addressSeen(proxies, '10.0.0.2', '198.51.100.1')).toBe('198.51.100.1');
    expect(await addressSeen(proxies, '::1', ' 2001:db8::7 ')).toBe('2001:db8::7');
  });

  it('walks a chain of trusted proxies to the first untrusted address from the right', async () => {
    expect(await addressSeen(proxies, '10.0.0.2', '198.51.100.1, 10.2.2.2, fd00::3, 127.0.0.1')).toBe('198.51.100.1');
  });

  it('ignores whatever the client wrote to the left of the address its first proxy saw', async () => {
    expect(await addressSeen(proxies, '10.0.0.2', '1.1.1.1, 127.0.0.1, 198.51.100.1, 10.2.2.2')).toBe('198.51.100.1');
  });

  it('is the leftmost entry when every entry is a trusted proxy', async () => {
    expect(await addressSeen(proxies, '10.0.0.2', '10.9.9.9, 10.2.2.2')).toBe('10.9.9.9');
  });

  it('recognises a trusted proxy connecting as IPv4-mapped IPv6, and answers in IPv4', async () => {
    expect(await addressSeen(proxies, '::ffff:10.0.0.2', '::ffff:198.51.100.1')).toBe('198.51.100.1');
    expect(await addressSeen(proxies, '::ffff:203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
  });

  it('stops at a malformed entry and answers the last address it could vouch for, never the text', async () => {
    expect(await addressSeen(proxies, '10.0.0.2', '198.51.100.1, <script>')).toBe('10.0.0.2');
    expect(await addressSeen(proxies, '10.0.0.2', '198.51.100.1, unknown, 10.2.2.2')).toBe('10.2.2.2');
    expect(await addressSeen(proxies, '10.0.0.2', '198.51.100.1,, 10.2.2.2')).toBe('10.2.2.2');
    expect(await addressSeen(proxies, '10.0.0.2', '198.51.100.1, 10.0.0.300')).toBe('10.0.0.2');
  });

  it('reads the address out of `v4:port` and `[v6]:port` entries', async () => {
    expect(await addressSeen(proxies, '10.0.0.2', '198.51.100.1:51234')).toBe('198.51.100.1');
    expect(await addressSeen(proxies, '10.0.0.2', '[2001:db8::7]:443, [fd00::3]')).toBe('2001:db8::7');
  });

  it('reads several X-Forwarded-For headers as one list, in order', async () => {
    expect(await addressSeen(proxies, '10.0.0.2', ['1.1.1.1, 198.51.100.1', '10.2.2.2'])).toBe('198.51.100.1');
    expect(await addressSeen(proxies, '10.0.0.2', ['198.51.100.1', '203.0.113.9'])).toBe('203.0.113.9');
  });

  it('reads only the right end of a huge header', async () => {
    const padding = Array.from({ length: 5000 }, () => '1.1.1.1').join(', ');
    expect(await addressSeen(proxies, '10.0.0.2', `${padding}, 198.51.100.1, 10.2.2.2`)).toBe('198.51.100.1');
    // Past 32 entries of trusted proxies the walk gives up at the leftmost one it read.
    const proxiesOnly = Array.from({ length: 40 }, (_, i) => `10.0.0.${i + 1}`).join(', ');
    expect(await addressSeen(proxies, '10.0.0.2', `198.51.100.1, ${proxiesOnly}`)).toBe('10.0.0.9');
  });

  it('never takes an entry that the 2 KiB cut left half-read', async () => {
    // 2048 characters from the right end: "8.51.100.1," then spaces, then a trusted proxy.
    const right = `,${' '.repeat(2030)}fd00::1`;
    // Cut inside 198.51.100.1, whose tail 8.51.100.1 would itself parse: dropped, so all that is
    // left is the trusted proxy.
    expect(await addressSeen(proxies, '10.0.0.2', `1.1.1.1, 198.51.100.1${right}`)).toBe('fd00::1');
    // Cut right after a comma: the entry is whole, and taken.
    expect(await addressSeen(proxies, '10.0.0.2', `1.1.1.1,8.51.100.1${right}`)).toBe('8.51.100.1');
  });

  it('is unknown without a socket, trusted proxies or not', async () => {
    expect(await addressSeen(undefined, undefined, '198.51.100.1')).toBe('unknown');
    expect(await addressSeen(proxies, undefined, '198.51.100.1')).toBe('unknown');
  });
});
