/**
 * Identities that can each run as the next (issue 26, item 4): identity i holds Virtual Machine
 * Contributor on the VM that runs as identity i + 1, and the last holds `lastRole` at the
 * subscription. Every identity reaches every one after it: n² / 2 paths, each up to 2n steps long.
 * As cdktf-shaped Terraform JSON (500 identities: about 250 KB).
 */
export function identityChain(n: number, lastRole = 'Owner'): string {
  const identities: Record<string, object> = {};
  const vms: Record<string, object> = {};
  const grants: Record<string, object> = {};
  for (let i = 0; i < n; i++) {
    identities[`id${i}`] = { name: `uai-${i}`, resource_group_name: 'rg-ids', location: 'eastus', tags: { owner: 'team' } };
    vms[`vm${i}`] = {
      name: `vm-${i}`,
      resource_group_name: '${azurerm_resource_group.rg.name}',
      location: 'eastus',
      identity: { type: 'UserAssigned', identity_ids: [`\${azurerm_user_assigned_identity.id${i}.id}`] },
    };
  }
  for (let i = 0; i + 1 < n; i++) {
    grants[`g${i}`] = {
      scope: `\${azurerm_linux_virtual_machine.vm${i + 1}.id}`,
      role_definition_name: 'Virtual Machine Contributor',
      principal_id: `\${azurerm_user_assigned_identity.id${i}.principal_id}`,
    };
  }
  grants.last = {
    scope: '/subscriptions/11111111-2222-3333-4444-555555555555',
    role_definition_name: lastRole,
    principal_id: `\${azurerm_user_assigned_identity.id${n - 1}.principal_id}`,
  };
  return JSON.stringify({
    resource: {
      azurerm_resource_group: { rg: { name: 'rg-chain', location: 'eastus' } },
      azurerm_user_assigned_identity: identities,
      azurerm_linux_virtual_machine: vms,
      azurerm_role_assignment: grants,
    },
  });
}
