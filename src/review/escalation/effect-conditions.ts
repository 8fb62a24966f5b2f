import { EffectConditions } from './escalation-effect';
import { armTypeOfTerraformType, resourceTypeHolds } from '../../model/arm-resource-types';
import { ScopeLevel } from '../../model/scope-level';
import { grantsOperation } from '../../roles/role-classification';
import { GraphPlacement, GraphRole } from '../graph/graph-types';

/** What the principal whose grant opens a path holds besides it, as the path's conditions ask. */
export interface HolderFacts {
  /** It holds this Entra directory role standing and tenant-wide. */
  readonly holdsEntraRole: (templateId: string) => boolean;
  /** It holds a custom role (or a role that cannot be read, which may be one). */
  readonly holdsCustomRole: boolean;
}

/** Whether a path is still a mechanism of Azure: a retired one opens nothing, wherever it is held. */
export function isRetired(conditions: EffectConditions | undefined): boolean {
  return conditions?.retired !== undefined;
}

/**
 * Whether a scope may hold a resource of one of the wanted ARM types. Only a scope that is one
 * resource of a known type can be told not to: it holds its own type and its child types. At a
 * resource group or wider, or at a resource whose type cannot be read, it may (unknown is the widest).
 */
export function scopeMayContain(placement: GraphPlacement, wanted: readonly string[]): boolean {
  if (placement.level !== ScopeLevel.RESOURCE) return true;
  let type = placement.armType;
  if (type === undefined && placement.terraformType !== undefined) {
    // An azurerm type the table does not list is none of the types a condition names.
    if (!placement.terraformType.startsWith('azurerm_')) return true;
    type = armTypeOfTerraformType(placement.terraformType);
    if (type === undefined) return false;
  }
  return type === undefined || wanted.some((w) => resourceTypeHolds(type!, w));
}

/** Whether the scope conditions of a path hold where it is held. */
export function scopeConditionsHold(conditions: EffectConditions | undefined, placement: GraphPlacement): boolean {
  return conditions?.scopeContains === undefined || scopeMayContain(placement, conditions.scopeContains);
}

/** Whether the holder conditions of a path hold for the principal that holds the opening grant. */
export function holderConditionsHold(conditions: EffectConditions | undefined, holder: HolderFacts): boolean {
  if (conditions === undefined) return true;
  if (conditions.callerEntraRole !== undefined && !holder.holdsEntraRole(conditions.callerEntraRole.templateId)) return false;
  if (conditions.callerHoldsCustomRole && !holder.holdsCustomRole) return false;
  return true;
}

/** Whether a role holds a control-plane operation; a role that cannot be read may (the wider case). */
export function holdsOperation(role: GraphRole, operation: string): boolean {
  return role.role === undefined || grantsOperation(role.role.permissions, operation, 'control');
}
