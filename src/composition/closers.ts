export type Close = () => void | Promise<void>;

/**
 * The one list of what the start opened, closed in reverse: what was built last uses what came
 * before it, so it stops first. A failed start and a shutdown both end here, so the order is
 * written once. Every close runs even if one fails; the first failure is rethrown at the end.
 */
export class Closers {
  readonly #closes: Close[] = [];

  add(close: Close): void {
    this.#closes.push(close);
  }

  async closeAll(): Promise<void> {
    let failure: { error: unknown } | undefined;
    for (let close = this.#closes.pop(); close; close = this.#closes.pop()) {
      try {
        await close();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }
}
