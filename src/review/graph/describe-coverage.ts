import { GraphCoverage } from './graph-types';

/** `azapi_resource (Microsoft.Authorization/roleAssignments)`, `azurerm_key_vault (access_policy)`: how reports and findings name an access resource. */
export function describeCoverage(c: GraphCoverage): string {
  const part = c.armType ?? (c.via === 'resource' ? undefined : c.via.split(':')[1]);
  return part === undefined ? c.type : `${c.type} (${part})`;
}
