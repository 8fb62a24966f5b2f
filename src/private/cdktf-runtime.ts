import type * as Cdktf from 'cdktf';

let loaded: typeof Cdktf | undefined;

/**
 * The cdktf module, loaded on first use. Loading cdktf takes ~170 ms; a program that only
 * reads the role catalog or runs the review command never pays it, and an app that builds a
 * stack has loaded it already.
 */
export function cdktf(): typeof Cdktf {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('cdktf') as typeof Cdktf;
  return loaded;
}

/** Whether a value holds a cdktf token (a value known only at apply time). */
export function isUnresolved(value: unknown): boolean {
  // Every string token contains "${"; checking that first keeps plain values from loading cdktf.
  if (typeof value === 'string' && !value.includes('${')) return false;
  return cdktf().Token.isUnresolved(value);
}
