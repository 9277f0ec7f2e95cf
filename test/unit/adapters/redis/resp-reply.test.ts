import { describe, expect, it } from 'vitest';
import { encodeCommand, readReply, RedisReplyError } from '../../../../src/adapters/redis/resp-reply.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('readReply', () => {
  const reply = '*2\r\n:7\r\n*3\r\n$4\r\nhé!\r\n$-1\r\n+OK\r\n';

  it('reads nested arrays, integers, bulk strings (length in bytes), nil and simple strings', () => {
    expect(readReply(bytes(reply))).toEqual({ reply: [7, ['hé!', null, 'OK']], next: bytes(reply).length });
  });

  it('waits for the rest when a reply arrives cut at any byte', () => {
    const whole = bytes(reply);
    for (let cut = 0; cut < whole.length; cut++) expect(readReply(whole.subarray(0, cut))).toBeUndefined();
  });

  it('reads replies one after another from one buffer', () => {
    const both = bytes('+OK\r\n:42\r\n');
    const first = readReply(both)!;
    expect(first.reply).toBe('OK');
    expect(readReply(both, first.next)?.reply).toBe(42);
  });

  it('hands error replies back as values, with their message', () => {
    const { reply: error } = readReply(bytes('-WRONGPASS invalid username-password pair\r\n'))!;
    expect(error).toBeInstanceOf(RedisReplyError);
    expect((error as Error).message).toBe('WRONGPASS invalid username-password pair');
  });

  it('refuses bytes that are no reply', () => {
    expect(() => readReply(bytes('HTTP/1.1 400\r\n'))).toThrow('Not a RESP reply');
  });
});

it('encodeCommand writes bulk strings with their length in bytes', () => {
  expect(new TextDecoder().decode(encodeCommand(['SET', 'clé', 3]))).toBe('*3\r\n$3\r\nSET\r\n$4\r\nclé\r\n$1\r\n3\r\n');
});
