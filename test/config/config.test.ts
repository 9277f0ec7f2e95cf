import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('loadConfig', () => {
  it('applies the contract defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      DATA_DIR: './.data',
      RATE_LIMIT_MAX: 100,
      RATE_LIMIT_WINDOW_SECONDS: 60,
      LOGIN_RATE_LIMIT_MAX: 10,
      LOGIN_RATE_LIMIT_WINDOW_SECONDS: 900,
      CACHE_TTL_SECONDS: 3600,
      LOG_LEVEL: 'info',
      BODY_LIMIT_BYTES: 1024 * 1024,
      JWT_ISSUER: 'users-service',
      JWT_AUDIENCE: 'users-api',
      JWT_ACCESS_TTL: 900,
      JWT_REFRESH_TTL: 30 * 86_400,
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('treats empty variables as unset, as compose files export them', () => {
    const config = loadConfig({ PORT: '', LOG_LEVEL: '', DATABASE_URL: '' });
    expect(config).toMatchObject({ PORT: 3000, LOG_LEVEL: 'info' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('parses numbers and URLs', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgresql://u@db:5432/app', RATE_LIMIT_MAX: '5' });
    expect(config).toMatchObject({ PORT: 8080, DATABASE_URL: 'postgresql://u@db:5432/app', RATE_LIMIT_MAX: 5 });
  });

  it.each([
    ['PORT', 'abc', /^Invalid configuration: PORT must be a whole number/],
    ['PORT', '70000', /^Invalid configuration: PORT must be at most 65535/],
    ['PORT', '-1', /^Invalid configuration: PORT must be a whole number/],
    ['LOG_LEVEL', 'loud', /^Invalid configuration: LOG_LEVEL must be one of fatal, error/],
    ['DATABASE_URL', 'mysql://x/y', /^Invalid configuration: DATABASE_URL must be a URL starting with postgres:\/\//],
    ['REDIS_URL', 'not a url', /^Invalid configuration: REDIS_URL must be a URL/],
    ['CURSOR_SECRET', 'short', /^Invalid configuration: CURSOR_SECRET must be at least 32 characters$/],
    ['JWT_ACCESS_TTL', '15 minutes', /^Invalid configuration: JWT_ACCESS_TTL must be a duration such as 900, 15m/],
    ['JWT_ACCESS_TTL', '10s', /^Invalid configuration: JWT_ACCESS_TTL must be at least 60 seconds/],
    ['ADMIN_EMAIL', 'notanemail', /^Invalid configuration: ADMIN_EMAIL must be an email address/],
    ['ADMIN_EMAIL', `${'a'.repeat(70)}@example.com`, /^Invalid configuration: ADMIN_EMAIL must be an email address the service accepts/],
    ['MAIL_FROM', 'users service', /^Invalid configuration: MAIL_FROM must be an address, or a name and <address>/],
    ['SMTP_URL', 'http://mail.example.com', /^Invalid configuration: SMTP_URL must be a URL starting with smtp:\/\/ or smtps:\/\/$/],
  ])('rejects %s=%s with one line naming the variable', (variable, value, message) => {
    const caught = errorOf(() => loadConfig({ [variable]: value }));
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).not.toContain('\n');
  });

  it('checks ADMIN_PASSWORD with the rules of any password, without echoing it', () => {
    const long = 'p'.repeat(200);
    expect(() => loadConfig({ ADMIN_EMAIL: 'root@example.com', ADMIN_PASSWORD: long })).toThrow(
      /^Invalid configuration: ADMIN_PASSWORD must be at most 128 characters$/,
    );
    expect(() => loadConfig({ ADMIN_EMAIL: 'root@example.com', ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD must be at least 8 characters/);
  });

  it('wants ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'root@example.com' })).toThrow(/ADMIN_PASSWORD must be set together/);
    expect(loadConfig({ ADMIN_EMAIL: 'root@example.com', ADMIN_PASSWORD: 'long-enough' }).ADMIN_EMAIL).toBe('root@example.com');
  });

  it('never echoes a URL or secret, which may carry credentials', () => {
    const error = errorOf(() => loadConfig({ DATABASE_URL: 'mysql://admin:hunter2@db/x', CURSOR_SECRET: 'tiny-secret' }));
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('CURSOR_SECRET');
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('tiny-secret');
  });

  it('reads token lifetimes as seconds or with a unit', () => {
    expect(loadConfig({ JWT_ACCESS_TTL: '600' }).JWT_ACCESS_TTL).toBe(600);
    expect(loadConfig({ JWT_ACCESS_TTL: '15m' }).JWT_ACCESS_TTL).toBe(900);
    expect(loadConfig({ JWT_REFRESH_TTL: '7d' }).JWT_REFRESH_TTL).toBe(7 * 86_400);
  });

  describe('TRUST_PROXY', () => {
    it('is unset by default: no proxy is trusted', () => {
      expect(loadConfig({}).TRUST_PROXY).toBeUndefined();
      expect(loadConfig({ TRUST_PROXY: '' }).TRUST_PROXY).toBeUndefined();
    });

    it('keeps a list of addresses and CIDR ranges, IPv4 and IPv6, trimmed', () => {
      expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1 ,::1,  fd00::/8' }).TRUST_PROXY).toEqual([
        '10.0.0.0/8',
        '127.0.0.1',
        '::1',
        'fd00::/8',
      ]);
      expect(loadConfig({ TRUST_PROXY: '2001:db8::/32,::ffff:10.0.0.1,0.0.0.0/0' }).TRUST_PROXY).toHaveLength(3);
    });

    it('accepts the shorthands loopback and private', () => {
      expect(loadConfig({ TRUST_PROXY: 'loopback, private' }).TRUST_PROXY).toEqual(['loopback', 'private']);
    });

    it.each([
      ['10.0.0.300', /TRUST_PROXY has an entry "10.0.0.300" that is not an IP address, a CIDR range, loopback or private/],
      ['proxy.internal', /TRUST_PROXY has an entry "proxy.internal" that is not an IP address/],
      ['Loopback', /TRUST_PROXY has an entry "Loopback" that is not/],
      ['127.0.0.1, 10.0.0.0/33', /TRUST_PROXY has an entry "10.0.0.0\/33" whose prefix is not a number from 0 to 32/],
      ['fd00::/129', /TRUST_PROXY has an entry "fd00::\/129" whose prefix is not a number from 0 to 128/],
      ['10.0.0.0/', /TRUST_PROXY has an entry "10.0.0.0\/" whose prefix/],
      ['10.0.0.0/-1', /TRUST_PROXY has an entry "10.0.0.0\/-1" whose prefix/],
      ['10.0.0.0/8/8', /TRUST_PROXY has an entry "10.0.0.0\/8\/8" that is not/],
      ['example/8', /TRUST_PROXY has an entry "example\/8" that is not/],
      ['01.2.3.4', /TRUST_PROXY has an entry "01.2.3.4" that is not/],
      ['127.0.0.1,,::1', /TRUST_PROXY has an empty entry/],
      ['127.0.0.1,', /TRUST_PROXY has an empty entry/],
    ])('rejects %s with one line naming the variable and the entry', (value, message) => {
      const caught = errorOf(() => loadConfig({ TRUST_PROXY: value }));
      expect(caught).toBeInstanceOf(ConfigError);
      expect((caught as Error).message).toMatch(/^Invalid configuration: TRUST_PROXY /);
      expect((caught as Error).message).toMatch(message);
      expect((caught as Error).message).not.toContain('\n');
    });

    it('names every bad entry at once', () => {
      const message = (errorOf(() => loadConfig({ TRUST_PROXY: 'nope, 127.0.0.1, 10.0.0.0/99' })) as Error).message;
      expect(message).toContain('"nope"');
      expect(message).toContain('"10.0.0.0/99"');
      expect(message).not.toContain('"127.0.0.1"');
    });
  });

  it('refuses to start in production without a signing key or a cursor secret, and never echoes a key', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /^Invalid configuration: JWT_PRIVATE_KEY must be set when NODE_ENV=production .*; CURSOR_SECRET must be set when NODE_ENV=production/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_PRIVATE_KEY: '{"kty":"OKP"}' })).toThrow(/^Invalid configuration: CURSOR_SECRET must be set/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_PRIVATE_KEY: '{"kty":"OKP"}', CURSOR_SECRET: 'x'.repeat(32) }).NODE_ENV).toBe('production');
    expect(loadConfig({ NODE_ENV: 'development' }).JWT_PRIVATE_KEY).toBeUndefined();
  });

  it('refuses METRICS_PORT equal to PORT (the default one included): metrics stay off the public port', () => {
    for (const env of [{ PORT: '8080', METRICS_PORT: '8080' }, { METRICS_PORT: '3000' }]) {
      const error = errorOf(() => loadConfig(env));
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/METRICS_PORT must differ from PORT/);
    }
    expect(loadConfig({ PORT: '8080', METRICS_PORT: '9090' }).METRICS_PORT).toBe(9090);
  });
});
