import type { IConstruct } from 'constructs';
import { IPrincipal } from './principal';

/**
 * What the library knows of a principal it makes, kept off `IPrincipal` (users neither set nor
 * read it): the construct its grants are placed under, and whether the principal is created in
 * the same stack (its grants then set `skip_service_principal_aad_check`, so the assignment does
 * not fail with PrincipalNotFound while Entra replicates the new service principal).
 */
interface Hosting {
  readonly host?: IConstruct;
  readonly createdInStack: boolean;
}

const HOSTING = new WeakMap<IPrincipal, Hosting>();

/** Called by the principals the library makes (identities, `Principal`), once, as they are made. */
export function registerHosting(principal: IPrincipal, hosting: Hosting): void {
  HOSTING.set(principal, hosting);
}

/** The construct grants to this principal are placed under; none for a principal the library did not make. */
export function grantHostOf(principal: IPrincipal): IConstruct | undefined {
  return HOSTING.get(principal)?.host;
}

/** Whether the principal is created in the stack; false for one the library did not make (it exists already). */
export function isCreatedInStack(principal: IPrincipal): boolean {
  return HOSTING.get(principal)?.createdInStack ?? false;
}
