import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { TerraformStack } from 'cdktf';
import {
  AppPermission,
  AppPermissionGrant,
  GraphPermission,
  Principal,
  PrivilegeTier,
  SystemAssignedIdentity,
  WorkloadIdentity,
} from '../../src';
import { readLibraryMetadata } from '../../src/model/metadata';
import { grantHostOf } from '../../src/model/principal-hosting';
import { appResources, newStack as newAzurermStack, resourcesOf, synthError, synthJson } from '../support/stack';

const GRAPH_CLIENT_ID = '00000003-0000-0000-c000-000000000000';
const GRAPH_LOOKUP = `ServicePrincipal-${GRAPH_CLIENT_ID}`;

/** A stack with both providers: the grants write azuread resources. */
function newStack(): TerraformStack {
  const stack = newAzurermStack();
  new AzureadProvider(stack, 'azuread', {});
  return stack;
}

function workload(stack: TerraformStack, id = 'Mailer') {
  return new WorkloadIdentity(stack, id, { name: `uai-${id.toLowerCase()}`, resourceGroupName: 'rg-shared-identities', location: 'eastus', owner: 'team-ordering' });
}

function assignments(stack: TerraformStack): any[] {
  return Object.values(resourcesOf(synthJson(stack), 'azuread_app_role_assignment'));
}

/** The assignments with cdktf's "//" metadata kept (Testing.synth strips it). */
function assignmentsWithMetadata(stack: TerraformStack): any[] {
  return Object.values((stack.toTerraform() as any).resource.azuread_app_role_assignment);
}


describe('a workload identity granted User.Read.All', () => {
  const stack = newStack();
  const uai = workload(stack);
  const grant = uai.grantAppPermission(GraphPermission.USER_READ_ALL);
  const json = synthJson(stack);
  const [assignment] = Object.values(resourcesOf(json, 'azuread_app_role_assignment')) as any[];

  test('is assigned the app role of Microsoft Graph\'s service principal, by its app role ID', () => {
    expect(assignment.app_role_id).toBe('df021288-bdef-4463-88db-98f22de89214');
    expect(assignment.principal_object_id).toBe(`\${azurerm_user_assigned_identity.${uai.resource.friendlyUniqueId}.principal_id}`);
    const lookups = json.data.azuread_service_principal;
    const [name] = Object.keys(lookups);
    expect(lookups[name]).toEqual(expect.objectContaining({ client_id: GRAPH_CLIENT_ID }));
    expect(assignment.resource_object_id).toBe(`\${data.azuread_service_principal.${name}.object_id}`);
  });

  test('needs no justification (tier 2), and synthesizes', () => {
    expect(grant.permission.tier).toBe(PrivilegeTier.USER_ACCESS);
    expect(synthError(stack)).toBeUndefined();
  });
});

describe('Microsoft Graph is looked up once per stack', () => {
  test('every grant of the stack shares the data source, and a lookup made by Principal is the same one', () => {
    const stack = newStack();
    workload(stack, 'Mailer').grantAppPermission(GraphPermission.MAIL_SEND, { justification: 'sends order confirmations' });
    workload(stack, 'Reader').grantAppPermission(GraphPermission.USER_READ_ALL);
    const graph = Principal.servicePrincipalByClientId(stack, GRAPH_CLIENT_ID);
    expect(grantHostOf(graph)?.node.id).toBe(GRAPH_LOOKUP);
    const json = synthJson(stack);
    expect(Object.keys(json.data.azuread_service_principal)).toHaveLength(1);
    expect(new Set(assignments(stack).map((a) => a.resource_object_id)).size).toBe(1);
  });
});

describe('a tier-0 permission', () => {
  test('without a justification fails synthesis, naming the construct, the permission, its tier and the fix', () => {
    const stack = newStack();
    workload(stack, 'Automation').grantAppPermission(GraphPermission.ROLE_MANAGEMENT_READ_WRITE_DIRECTORY);
    const error = synthError(stack);
    expect(error).toContain('test/Automation/Graph-RoleManagement-ReadWrite-Directory');
    expect(error).toContain(
      'managed identity uai-automation is granted Microsoft Graph RoleManagement.ReadWrite.Directory (9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8), ' +
        'a tier 0 (ControlPlane) application permission',
    );
    expect(error).toContain('Fix: Grant a narrower permission');
  });

  test('with a justification synthesizes, and the justification travels in the JSON', () => {
    const stack = newStack();
    const grant = workload(stack, 'Automation').grantAppPermission(GraphPermission.ROLE_MANAGEMENT_READ_WRITE_DIRECTORY, {
      justification: ' break-glass automation, reviewed quarterly ',
    });
    expect(synthError(stack)).toBeUndefined();
    expect(grant.justification).toBe('break-glass automation, reviewed quarterly');
    const [assignment] = assignmentsWithMetadata(stack);
    expect(assignment.app_role_id).toBe('9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8');
    expect(readLibraryMetadata(assignment).justification).toEqual({ reason: 'break-glass automation, reviewed quarterly' });
  });

  test('refuses an empty justification at once', () => {
    const stack = newStack();
    expect(() => workload(stack).grantAppPermission(GraphPermission.ROLE_MANAGEMENT_READ_WRITE_DIRECTORY, { justification: '  ' })).toThrow(
      /test\/Mailer\/Graph-RoleManagement-ReadWrite-Directory: justification is empty/,
    );
  });
});

describe('other principals and APIs', () => {
  test('a system-assigned identity is granted under its resource', () => {
    const stack = newStack();
    const { functionApp: app } = appResources(stack);
    const identity = SystemAssignedIdentity.enable(app);
    const grant = identity.grantAppPermission(GraphPermission.USER_READ_ALL);
    expect(grant.node.scope).toBe(app);
    expect(assignments(stack)[0].principal_object_id).toBe(`\${${app.terraformResourceType}.${app.friendlyUniqueId}.identity[0].principal_id}`);
  });

  test('another API\'s app role names its service principal directly, and is tier 0 unless told', () => {
    const stack = newStack();
    const api = AppPermission.forApi({
      resourceObjectId: 'aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb',
      appRoleId: '0a0a0a0a-0000-4000-8000-000000000001',
      name: 'Orders.Read',
      tier: PrivilegeTier.USER_ACCESS,
    });
    workload(stack).grantAppPermission(api);
    expect(synthError(stack)).toBeUndefined();
    expect(assignments(stack)[0]).toEqual(expect.objectContaining({
      app_role_id: '0a0a0a0a-0000-4000-8000-000000000001',
      resource_object_id: 'aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb',
    }));
    expect(synthJson(stack).data?.azuread_service_principal).toBeUndefined();

    const unknown = newStack();
    workload(unknown).grantAppPermission(AppPermission.forApi({ resourceObjectId: 'aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb', appRoleId: '0a0a0a0a-0000-4000-8000-000000000002' }));
    expect(synthError(unknown)).toContain('a tier 0 (ControlPlane) application permission');
  });

  test('a service principal given by object ID records its kind, and is granted through the construct', () => {
    const stack = newStack();
    const sp = Principal.servicePrincipal('bbbbbbbb-1111-2222-3333-cccccccccccc', 'contoso-deploy-pipeline');
    expect(() => sp.grantAppPermission(GraphPermission.USER_READ_ALL)).toThrow(/belongs to no stack\. Create it with new AppPermissionGrant/);
    new AppPermissionGrant(stack, 'PipelineReadsUsers', { principal: sp, permission: GraphPermission.USER_READ_ALL });
    const [assignment] = assignmentsWithMetadata(stack);
    expect(assignment.principal_object_id).toBe('bbbbbbbb-1111-2222-3333-cccccccccccc');
    expect(readLibraryMetadata(assignment).principal).toEqual({ kind: 'application', name: 'contoso-deploy-pipeline' });
  });

  test('a user or a group cannot hold a Graph application permission', () => {
    const stack = newStack();
    expect(() => new AppPermissionGrant(stack, 'G', { principal: Principal.group('cccccccc-1111-2222-3333-dddddddddddd', 'admins'), permission: GraphPermission.USER_READ_ALL }))
      .toThrow(/group admins cannot hold Microsoft Graph User\.Read\.All .*service principals only/);
  });

  test('the same permission twice to one identity is refused, as Entra would at apply', () => {
    const stack = newStack();
    const uai = workload(stack);
    uai.grantAppPermission(GraphPermission.USER_READ_ALL);
    expect(() => uai.grantAppPermission(GraphPermission.USER_READ_ALL)).toThrow(/already granted Microsoft Graph User\.Read\.All/);
  });
});
