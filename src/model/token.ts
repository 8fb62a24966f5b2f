import type * as Cdktf from 'cdktf';

// Kept once loaded: `require` of a package name resolves it again on every call (package.json
// read, paths tried), ~3 µs that a stack of 10,000 grants paid 30,000 times (about 100 ms).
let cdktfToken: typeof Cdktf.Token | undefined;

/**
 * Whether a value holds a cdktf token: a reference (`${azurerm_user_assigned_identity.x.id}`, a
 * variable, `Token.asNumber(...)`) whose value Terraform knows only later. The one answer both the
 * constructs and the value factories of the model (Duration) give.
 */
export function isToken(value: unknown): boolean {
  // Every string token contains "${" and every number token is a double far beyond any safe
  // integer: checking that first keeps plain values, and so the review side, from loading cdktf
  // (~170 ms).
  if (typeof value === 'string' && !value.includes('${')) return false;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return false;
  if (value === undefined || value === null || typeof value === 'boolean') return false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  cdktfToken ??= (require('cdktf') as typeof Cdktf).Token;
  return cdktfToken.isUnresolved(value);
}

/**
 * Refuses a token given to a factory that must compute with the value at synth (a length, a
 * construct ID). Without this, a number token shows as its internal encoding ("-8.1e+298 hours")
 * and a string token as "${TfToken[TOKEN.1]}", which tells the user nothing.
 *
 * @param call the factory and the argument, as the user wrote them: `Duration.hours(amount)`
 * @param accepted what to write instead
 */
export function refuseToken(call: string, value: unknown, literal: 'number' | 'string', accepted: string): void {
  if (isToken(value)) {
    throw new Error(`${call}: a token (resolved only at synth) where a literal ${literal} is needed. Accepted: ${accepted}.`);
  }
}
