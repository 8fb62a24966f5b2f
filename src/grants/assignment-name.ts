import type * as Crypto from 'crypto';
import { quotedString } from './terraform-template';
import { isUnresolved } from '../private/cdktf-runtime';

/**
 * The namespace of role assignment names: uuidv5(URL namespace,
 * "https://cdktf-azure-access/role-assignment"). Fixed forever: changing it would rename, and so
 * recreate, every assignment.
 */
export const ROLE_ASSIGNMENT_NAMESPACE = '962c3fef-4612-544d-a95b-0c5c224208c3';

/** RFC 4122 version-5 UUID, as Terraform's `uuidv5()` computes it. */
export function uuidv5(namespace: string, name: string): string {
  // crypto costs ~10 ms to load; only literal grants need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createHash } = require('crypto') as typeof Crypto;
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(Buffer.from(name, 'utf8')).digest();
  // RFC 4122 section 4.3: the version (5) and variant bits are set by masking.
  /* eslint-disable no-bitwise */
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  /* eslint-enable no-bitwise */
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The assignment's `name`: a GUID derived from scope, role and principal, like ARM templates'
 * `guid()` idiom, so the same grant always has the same name (re-runs and imports are
 * idempotent). Computed here when all three are literal; otherwise Terraform computes the same
 * value with `uuidv5()` over the same text.
 */
export function assignmentName(scopeId: string, roleGuid: string, principalId: string): string {
  const parts = [scopeId, roleGuid, principalId];
  if (!parts.some(isUnresolved)) {
    return uuidv5(ROLE_ASSIGNMENT_NAMESPACE, parts.join('|').toLowerCase());
  }
  // One template instead of Fn.uuidv5(Fn.lower(Fn.join(...))): see terraform-template.ts.
  return `\${uuidv5("${ROLE_ASSIGNMENT_NAMESPACE}", lower(${quotedString(parts.join('|'))}))}`;
}
