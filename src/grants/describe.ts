import { IPrincipal } from '../model/principal';
import { grantHostOf } from '../model/principal-hosting';
import { isUnresolved } from '../private/cdktf-runtime';
import { Scope } from '../scope/scope';

// How constructs name principals and scopes in their errors: as a reader finds them in the code,
// never as a cdktf token (`${TfToken[TOKEN.11]}`).

/** "managed identity uai-ordering-api", "group platform-admins": the holder as findings name it. */
export function describeHolder(principal: IPrincipal): string {
  return `${principal.kind.replace(/-/g, ' ')} ${describePrincipalName(principal)}`;
}

/** The principal's name, or for one known only at apply (a token) the construct it comes from. */
export function describePrincipalName(principal: IPrincipal): string {
  if (!isUnresolved(principal.displayName)) return principal.displayName;
  const host = grantHostOf(principal);
  return host !== undefined ? host.node.path : 'a principal known only at apply';
}

/** A scope as a reader can find it: the literal ID, or the resource it was read from. */
export function describeScope(scope: Scope): string {
  if (!isUnresolved(scope.id)) return scope.id;
  if (scope.sourceConstruct !== undefined) return `${scope.terraformType ?? 'resource'} ${scope.sourceConstruct.node.path}`;
  return 'given as a token';
}
