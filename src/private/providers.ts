/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * Provider classes, loaded on first use by deep path. A deep import costs ~0.1 s and the
 * package root ~2 s; loading them lazily keeps `require('cdktf-azure-access')` cheap for the
 * command line and for apps that use only some constructs.
 */
import type * as DataAzureadGroupModule from '@cdktf/provider-azuread/lib/data-azuread-group';
import type * as DataAzureadServicePrincipalModule from '@cdktf/provider-azuread/lib/data-azuread-service-principal';
import type * as DataAzureadUserModule from '@cdktf/provider-azuread/lib/data-azuread-user';
import type * as FederatedIdentityCredentialModule from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import type * as RoleAssignmentModule from '@cdktf/provider-azurerm/lib/role-assignment';
import type * as UserAssignedIdentityModule from '@cdktf/provider-azurerm/lib/user-assigned-identity';

function lazy<T>(load: () => T): () => T {
  let module: T | undefined;
  return () => (module ??= load());
}

export const azurerm = {
  federatedIdentityCredential: lazy(
    () => require('@cdktf/provider-azurerm/lib/federated-identity-credential') as typeof FederatedIdentityCredentialModule,
  ),
  roleAssignment: lazy(() => require('@cdktf/provider-azurerm/lib/role-assignment') as typeof RoleAssignmentModule),
  userAssignedIdentity: lazy(
    () => require('@cdktf/provider-azurerm/lib/user-assigned-identity') as typeof UserAssignedIdentityModule,
  ),
};

export const azuread = {
  dataGroup: lazy(() => require('@cdktf/provider-azuread/lib/data-azuread-group') as typeof DataAzureadGroupModule),
  dataServicePrincipal: lazy(
    () => require('@cdktf/provider-azuread/lib/data-azuread-service-principal') as typeof DataAzureadServicePrincipalModule,
  ),
  dataUser: lazy(() => require('@cdktf/provider-azuread/lib/data-azuread-user') as typeof DataAzureadUserModule),
};
