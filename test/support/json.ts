/**
 * A parsed JSON response, read field by field in assertions. `any` on purpose: the tests check
 * the shape themselves, and a typed client would only restate the contract they are testing.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export const body = async (res: Response): Promise<Json> => (await res.json()) as Json;
