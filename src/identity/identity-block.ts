import type { TerraformResource } from 'cdktf';
import { isUnresolved } from '../private/cdktf-runtime';

/**
 * The `identity` block of an azurerm resource as the provider classes expose it: an output
 * reference with the block's configured value, and `putIdentity()` to replace it. Only resources
 * whose schema has the block (and, for user-assigned identities, `identity_ids`) qualify.
 */
interface IdentityBlockValue {
  readonly type: string;
  readonly identityIds?: string[];
}

interface ResourceWithIdentity {
  readonly identity: { internalValue?: IdentityBlockValue; identityIdsInput?: unknown };
  putIdentity(value: IdentityBlockValue): void;
}

const SYSTEM = 'SystemAssigned';
const USER = 'UserAssigned';

function identityOf(resource: TerraformResource, needsIdentityIds: boolean): ResourceWithIdentity {
  const candidate = resource as unknown as Partial<ResourceWithIdentity>;
  const block = candidate.identity as object | undefined;
  const hasBlock = typeof candidate.putIdentity === 'function' && block !== undefined;
  if (!hasBlock || (needsIdentityIds && !('identityIdsInput' in block))) {
    throw new Error(
      `${resource.node.path}: ${resource.terraformResourceType} has no identity block${hasBlock ? ' with identity_ids' : ''}, ` +
        `so it cannot run as a ${needsIdentityIds ? 'user-assigned' : 'system-assigned'} managed identity. ` +
        'Attach identities to resources that support them (App Service, Function Apps, Container Apps, VMs, AKS, ...).',
    );
  }
  return candidate as ResourceWithIdentity;
}

function typesOf(type: string | undefined): Set<string> {
  const types = new Set<string>();
  for (const part of (type ?? '').split(',').map((t) => t.trim().toLowerCase())) {
    if (part === SYSTEM.toLowerCase()) types.add(SYSTEM);
    if (part === USER.toLowerCase()) types.add(USER);
  }
  return types;
}

function typeText(types: Set<string>): string {
  return [SYSTEM, USER].filter((t) => types.has(t)).join(', ');
}

/**
 * Adds a user-assigned identity to a resource's identity block, keeping what is there:
 * SystemAssigned becomes "SystemAssigned, UserAssigned", and other identity IDs stay.
 */
export function addUserAssignedIdentity(resource: TerraformResource, identityId: string): void {
  const target = identityOf(resource, true);
  const current = target.identity.internalValue;
  if (current !== undefined && isUnresolved(current)) {
    throw new Error(`${resource.node.path}: its identity block is a token; attach identities with literal blocks only.`);
  }
  const types = typesOf(current?.type);
  types.add(USER);
  const ids = [...(current?.identityIds ?? [])];
  if (!ids.includes(identityId)) ids.push(identityId);
  target.putIdentity({ type: typeText(types), identityIds: ids });
}

/** Turns on the system-assigned identity, keeping user-assigned identities that are there. */
export function enableSystemAssignedIdentity(resource: TerraformResource): void {
  const target = identityOf(resource, false);
  const current = target.identity.internalValue;
  const types = typesOf(current?.type);
  types.add(SYSTEM);
  const ids = current?.identityIds;
  target.putIdentity({ type: typeText(types), ...(ids && ids.length ? { identityIds: ids } : {}) });
}
