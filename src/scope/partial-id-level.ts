import { ScopeLevel } from '../model/scope-level';

/**
 * The level of an ID built from references and literal text, read from the literal parts.
 * References are cdktf tokens (`${TfToken[TOKEN.1]}`) at synth and Terraform expressions
 * (`${azurerm_resource_group.rg.id}`) in JSON; either way what is around them decides:
 * `${rg}/providers/NS/type/name` is a resource whatever the reference is,
 * `/subscriptions/${sub}/resourceGroups/name` a resource group. Anything else is UNKNOWN.
 */
export function levelOfPartialId(id: string): ScopeLevel {
  const shape = id.replace(/\$\{[^}]*\}/g, '\u0000');
  if (/^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+$/i.test(shape)) {
    return ScopeLevel.MANAGEMENT_GROUP;
  }
  if (/\/providers\/[^/]+\/[^/]+\/[^/]+/i.test(shape)) return ScopeLevel.RESOURCE;
  if (/\/resourceGroups\/[^/]+$/i.test(shape)) return ScopeLevel.RESOURCE_GROUP;
  if (/^\/subscriptions\/[^/]+$/i.test(shape)) return ScopeLevel.SUBSCRIPTION;
  return ScopeLevel.UNKNOWN;
}
