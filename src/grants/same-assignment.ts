import type { IConstruct } from 'constructs';
import { describePrincipalName, describeScope } from './describe';
import type { IPrincipal } from '../model/principal';
import { grantHostOf } from '../model/principal-hosting';
import { cdktf, isUnresolved } from '../private/cdktf-runtime';
import type { Role } from '../roles/role';
import type { Scope } from '../scope/scope';

/**
 * Azure keeps one role assignment per principal, role and scope, and one PIM eligibility per
 * principal, role and scope: a second one, under any name, is answered with 409
 * RoleAssignmentExists at apply. Standing grants and eligibilities are told apart: each is refused
 * only against its own kind.
 */
export type AssignmentKind = 'standing' | 'eligible';

const WHAT: Record<AssignmentKind, { verb: string; noun: string }> = {
  standing: { verb: 'is already granted', noun: 'role assignment' },
  eligible: { verb: 'is already eligible for', noun: 'eligibility' },
};

/**
 * Where a role applies, as a key: the normalized ID of a literal scope, the resource a scope was
 * read from (the same attribute of the same resource is the same ID), or the token itself (the
 * same token is the same value; two different tokens are not judged equal).
 */
export function scopeKey(scope: Scope): string {
  if (scope.isLiteral) return scope.id.toLowerCase();
  if (scope.sourceConstruct !== undefined) return `construct:${scope.sourceConstruct.node.path}:${scope.terraformType ?? ''}`;
  return scope.id;
}

/**
 * Who holds a role, as a key: the object ID written out, the construct that makes the principal
 * (an identity of the stack, a looked-up group), or the token itself.
 */
export function principalKey(principal: IPrincipal): string {
  if (!isUnresolved(principal.principalId)) return principal.principalId.toLowerCase();
  const host = grantHostOf(principal);
  if (host !== undefined) return `construct:${host.node.path}`;
  return principal.principalId;
}

function assignmentKey(kind: AssignmentKind, principal: IPrincipal, role: Role, scope: Scope): string {
  return [kind, principalKey(principal), role.guid.toLowerCase(), scopeKey(scope)].join('|');
}

// The assignments made in each stack (one Terraform configuration), by kind and key.
const claimed = new WeakMap<IConstruct, Map<string, IConstruct>>();

function claimsOf(construct: IConstruct): Map<string, IConstruct> {
  const stack = cdktf().TerraformStack.of(construct);
  let claims = claimed.get(stack);
  if (claims === undefined) {
    claims = new Map();
    claimed.set(stack, claims);
  }
  return claims;
}

/** The construct that already makes this assignment in the stack of `construct`, if any. */
export function existingAssignment(
  construct: IConstruct, kind: AssignmentKind, principal: IPrincipal, role: Role, scope: Scope,
): IConstruct | undefined {
  return claimsOf(construct).get(assignmentKey(kind, principal, role, scope));
}

/** Why a second assignment of the same principal, role and scope is refused. */
export function assignmentExistsMessage(
  where: string, kind: AssignmentKind, principal: IPrincipal, role: Role, scope: Scope, first: IConstruct,
): string {
  const { verb, noun } = WHAT[kind];
  return (
    `${where}: ${describePrincipalName(principal)} ${verb} "${role.name}" at ${describeScope(scope)} (${first.node.path}). ` +
    `The same principal, role and scope twice fails at apply with 409 RoleAssignmentExists. Accepted: one ${noun} per principal, role and scope; keep one of them.`
  );
}

/**
 * Records that `construct` makes this assignment in its stack, refusing it when another construct
 * of the stack already does.
 */
export function claimAssignment(construct: IConstruct, kind: AssignmentKind, principal: IPrincipal, role: Role, scope: Scope): void {
  const claims = claimsOf(construct);
  const key = assignmentKey(kind, principal, role, scope);
  const first = claims.get(key);
  if (first !== undefined) throw new Error(assignmentExistsMessage(construct.node.path, kind, principal, role, scope, first));
  claims.set(key, construct);
}
