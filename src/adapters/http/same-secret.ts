const utf8 = new TextEncoder();

/**
 * Whether two secrets are equal, in a time that tells nothing about where they differ or how
 * long either is: both are hashed (SHA-256) and the digests compared byte by byte without an
 * early exit. Web Crypto only (node:crypto's timingSafeEqual is not on every runtime this runs on).
 */
export async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number);
  return difference === 0;
}

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(text)));
}
