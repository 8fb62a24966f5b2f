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

/** Whether a value holds a cdktf token (a value known only at apply time): one answer, in the model. */
export { isToken as isUnresolved } from '../model/token';
