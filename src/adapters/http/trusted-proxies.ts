import { BlockList, isIP, SocketAddress } from 'node:net';

/**
 * The proxies whose X-Forwarded-For the service believes (TRUST_PROXY): IP addresses, CIDR ranges
 * and two shorthands. Config keeps the entries as plain strings and validates them with
 * `trustedProxyEntryProblem`, the same parser this class builds from, so what the start accepts
 * is exactly what is matched. Matching is node:net's BlockList, which knows CIDR for both families.
 */
export class TrustedProxies {
  readonly #list = new BlockList();

  /** Throws on a bad entry; loadConfig has already refused those with a readable line. */
  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const rules = rulesOf(entry);
      if (typeof rules === 'string') throw new Error(`TRUST_PROXY ${rules}`);
      for (const { network, prefix, family } of rules) this.#list.addSubnet(network, prefix, family);
    }
  }

  trusts(address: string): boolean {
    const canonical = canonicalAddress(address);
    return canonical !== null && this.#list.check(canonical, isIP(canonical) === 4 ? 'ipv4' : 'ipv6');
  }
}

/** Why an entry is refused, worded to follow the variable's name in loadConfig's line; null when it is good. */
export function trustedProxyEntryProblem(entry: string): string | null {
  const rules = rulesOf(entry);
  return typeof rules === 'string' ? rules : null;
}

/**
 * One spelling per address, or null when the text is not an IP address. IPv4-mapped IPv6
 * (`::ffff:127.0.0.1`, what a dual-stack socket reports for an IPv4 peer) becomes plain IPv4,
 * and IPv6 is lower-cased and compressed, so one client is one rate-limit key however it is written.
 */
export function canonicalAddress(text: string): string | null {
  const family = isIP(text);
  if (family === 4) return text;
  if (family !== 6) return null;
  const address = new SocketAddress({ address: text, family: 'ipv6' }).address;
  const mapped = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : '';
  return isIP(mapped) === 4 ? mapped : address;
}

type Rule = { network: string; prefix: number; family: 'ipv4' | 'ipv6' };

// Kept small on purpose: anything else is written as ranges.
const SHORTHANDS: Record<string, readonly string[]> = {
  loopback: ['127.0.0.0/8', '::1'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

function rulesOf(entry: string): Rule[] | string {
  if (entry === '') return 'has an empty entry';
  const shorthand = Object.hasOwn(SHORTHANDS, entry) ? SHORTHANDS[entry] : undefined;
  if (shorthand) return shorthand.map((range) => rulesOf(range) as Rule[]).flat();
  const [address = '', prefixText, ...extra] = entry.split('/');
  // A range's network stays as written (BlockList matches an IPv4 address against a mapped IPv6
  // range itself); a single address is made canonical so that `::ffff:10.0.0.1` means 10.0.0.1.
  const network = prefixText === undefined ? canonicalAddress(address) : isIP(address) ? address : null;
  if (network === null || extra.length > 0) {
    return `has an entry ${JSON.stringify(entry)} that is not an IP address, a CIDR range, loopback or private`;
  }
  const family = isIP(network) === 4 ? 'ipv4' : 'ipv6';
  const bits = family === 'ipv4' ? 32 : 128;
  if (prefixText === undefined) return [{ network, prefix: bits, family }];
  const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : Number.NaN;
  if (!(prefix <= bits)) return `has an entry ${JSON.stringify(entry)} whose prefix is not a number from 0 to ${bits}`;
  return [{ network, prefix, family }];
}
