/** A RESP2 reply: simple and bulk strings, integers, nil, arrays, and errors (as values, the caller decides). */
export type RespReply = string | number | null | RedisReplyError | RespReply[];

/** An error reply (`-ERR ...`, `-NOSCRIPT ...`): the server said no to one command. */
export class RedisReplyError extends Error {
  readonly code = 'REDIS_REPLY_ERROR';
}

const CR = 13;
const LF = 10;
const utf8 = new TextDecoder();

/**
 * Reads one reply starting at `offset` of `bytes`, or undefined when the bytes end before it does
 * (TCP hands a reply over in pieces: call again with more). `next` is where the following one starts.
 */
export function readReply(bytes: Uint8Array, offset = 0): { reply: RespReply; next: number } | undefined {
  const lineEnd = findLineEnd(bytes, offset + 1);
  if (lineEnd === -1) return undefined;
  const line = utf8.decode(bytes.subarray(offset + 1, lineEnd));
  const afterLine = lineEnd + 2;
  switch (bytes[offset]) {
    case 0x2b: // '+'
      return { reply: line, next: afterLine };
    case 0x2d: // '-'
      return { reply: new RedisReplyError(line), next: afterLine };
    case 0x3a: // ':'
      return { reply: Number(line), next: afterLine };
    case 0x24: {
      // '$'
      const length = Number(line);
      if (length < 0) return { reply: null, next: afterLine };
      if (bytes.length < afterLine + length + 2) return undefined;
      return { reply: utf8.decode(bytes.subarray(afterLine, afterLine + length)), next: afterLine + length + 2 };
    }
    case 0x2a: {
      // '*'
      const count = Number(line);
      if (count < 0) return { reply: null, next: afterLine };
      const items: RespReply[] = [];
      let next = afterLine;
      for (let i = 0; i < count; i++) {
        const item = readReply(bytes, next);
        if (!item) return undefined;
        items.push(item.reply);
        next = item.next;
      }
      return { reply: items, next };
    }
    default:
      throw new Error(`Not a RESP reply (byte ${bytes[offset]})`);
  }
}

function findLineEnd(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 1 < bytes.length; i++) if (bytes[i] === CR && bytes[i + 1] === LF) return i;
  return -1;
}

const utf8Encoder = new TextEncoder();

/** A command as RESP: an array of bulk strings, lengths in bytes. */
export function encodeCommand(args: readonly (string | number)[]): Uint8Array {
  let text = `*${args.length}\r\n`;
  for (const arg of args) {
    const value = String(arg);
    text += `$${utf8Encoder.encode(value).length}\r\n${value}\r\n`;
  }
  return utf8Encoder.encode(text);
}
