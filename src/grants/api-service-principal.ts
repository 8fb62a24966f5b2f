import type { DataAzureadServicePrincipal } from '@cdktf/provider-azuread/lib/data-azuread-service-principal';
import type { IConstruct } from 'constructs';
import { cdktf } from '../private/cdktf-runtime';
import { azuread } from '../private/providers';

/**
 * The object ID of an API's service principal (Microsoft Graph's, for one) in the tenant, read by
 * one `azuread_service_principal` data source per stack and client ID, shared by every grant of
 * the stack: the object ID differs from tenant to tenant, the client ID does not. The data source
 * has the ID `Principal.servicePrincipalByClientId` would give it, so the two share one lookup.
 */
export function apiServicePrincipalObjectId(within: IConstruct, clientId: string): string {
  const stack = cdktf().TerraformStack.of(within);
  const id = `ServicePrincipal-${clientId}`;
  const existing = stack.node.tryFindChild(id) as DataAzureadServicePrincipal | undefined;
  if (existing !== undefined) {
    if ((existing as Partial<DataAzureadServicePrincipal>).terraformResourceType !== 'azuread_service_principal') {
      throw new Error(`${stack.node.path}/${id}: this construct ID is taken by something other than the service principal lookup of ${clientId}; rename it.`);
    }
    return existing.objectId;
  }
  const { DataAzureadServicePrincipal: Lookup } = azuread.dataServicePrincipal();
  // azuread 3.x names the argument client_id (application_id in 2.x).
  return new Lookup(stack, id, { clientId }).objectId;
}
