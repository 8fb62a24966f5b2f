import { readFileSync } from 'fs';
import * as path from 'path';
import { parseProvenance } from '../../scripts/role-catalog/entraops';
import { renderAzureCatalog, renderEntraCatalog } from '../../scripts/role-catalog/render';
import { BuiltInRole, DirectoryRole, EntraRole, EntraRoleCatalog, Role, RoleCatalog, RolePlane } from '../../src';
import { READ_ACTIONS } from '../../src/roles/role-classification';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface AzCliRole {
  name: string;
  roleName: string;
}

describe('the committed catalogs', () => {
  test('are exactly what the generator makes from data/azure-builtin-roles.json', () => {
    for (const file of renderAzureCatalog('data/azure-builtin-roles.json', read('data/azure-builtin-roles.json'))) {
      expect({ path: file.path, content: read(file.path) }).toEqual(file);
    }
  });

  test('are exactly what the generator makes from data/entra-builtin-roles.json and data/entraops/', () => {
    const source = (file: string) => ({ file, text: read(file) });
    const entraops = {
      roles: source('data/entraops/entra-directory-roles.json'),
      provenance: parseProvenance(source('data/entraops/source.json')),
      licence: source('data/entraops/LICENSE'),
    };
    for (const file of renderEntraCatalog('data/entra-builtin-roles.json', read('data/entra-builtin-roles.json'), entraops)) {
      expect({ path: file.path, content: read(file.path) }).toEqual(file);
    }
  });

  test('hold every role of the Azure export, each under its own GUID and name', () => {
    const exported: AzCliRole[] = JSON.parse(read('data/azure-builtin-roles.json'));
    expect(exported).toHaveLength(928);
    const catalog = RoleCatalog.builtIn();
    expect(catalog.roles).toHaveLength(928);
    for (const role of exported) {
      expect(catalog.fromId(role.name).name).toBe(role.roleName);
      expect(catalog.fromName(role.roleName).guid).toBe(role.name);
    }
  });
});

describe('the six roles named in the data README', () => {
  test.each([
    ['OWNER', 'Owner', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', RolePlane.CONTROL, true, false, true],
    ['CONTRIBUTOR', 'Contributor', 'b24988ac-6180-42a0-ab88-20f7382dd24c', RolePlane.CONTROL, false, false, true],
    ['READER', 'Reader', 'acdd72a7-3385-48ef-bd42-f606fba81ae7', RolePlane.CONTROL, false, true, false],
    ['USER_ACCESS_ADMINISTRATOR', 'User Access Administrator', '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9', RolePlane.CONTROL, true, false, false],
    // Reads secret values (getSecret/action) and properties (readMetadata/action): read-only, though no operation ends in /read.
    ['KEY_VAULT_SECRETS_USER', 'Key Vault Secrets User', '4633458b-17de-408a-b874-0445c86b69e6', RolePlane.DATA, false, true, false],
    ['ROLE_BASED_ACCESS_CONTROL_ADMINISTRATOR', 'Role Based Access Control Administrator', 'f58310d9-a9f6-439a-9e8d-f62e7b41a168', RolePlane.CONTROL, true, false, false],
  ])('%s', (constant, name, guid, plane, canGrantAccess, isReadOnly, wildcard) => {
    const role = (BuiltInRole as unknown as Record<string, Role>)[constant];
    expect(role.name).toBe(name);
    expect(role.guid).toBe(guid);
    expect(role.isBuiltIn).toBe(true);
    expect(role.plane).toBe(plane);
    expect(role.canGrantAccess).toBe(canGrantAccess);
    expect(role.isReadOnly).toBe(isReadOnly);
    expect(role.hasWildcardControlPlane).toBe(wildcard);
    expect(BuiltInRole.fromName(name)).toBe(role);
    expect(BuiltInRole.fromId(guid)).toBe(role);
  });

  test('Key Vault Secrets User only reads secrets, on the data plane', () => {
    const role = BuiltInRole.KEY_VAULT_SECRETS_USER;
    expect(role.effectiveActions).toEqual([]);
    expect(role.effectiveDataActions).toEqual([
      'Microsoft.KeyVault/vaults/secrets/getSecret/action',
      'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
    ]);
  });

  test('Contributor keeps * but loses every Microsoft.Authorization write', () => {
    expect(BuiltInRole.CONTRIBUTOR.effectiveActions).toEqual(['*']);
    expect(BuiltInRole.CONTRIBUTOR.canGrantAccess).toBe(false);
  });
});

describe('classification is computed from the actions of every role', () => {
  const roles = RoleCatalog.builtIn().roles;

  test('a role that can grant access allows roleAssignments/write', () => {
    const granting = roles.filter((r) => r.canGrantAccess).map((r) => r.name);
    // These are the built-ins whose actions include role-assignment write; the list follows the data.
    expect(granting).toEqual(expect.arrayContaining(['Owner', 'User Access Administrator', 'Role Based Access Control Administrator']));
    expect(granting).not.toContain('Contributor');
    for (const role of roles.filter((r) => r.canGrantAccess)) {
      const allowing = role.permissions.flatMap((p) => p.actions).filter((a) =>
        ['*', 'microsoft.authorization/*', 'microsoft.authorization/roleassignments/*', 'microsoft.authorization/roleassignments/write'].includes(a.toLowerCase()),
      );
      expect({ role: role.name, allowing: allowing.length > 0 }).toEqual({ role: role.name, allowing: true });
    }
  });

  test('plane follows the presence of actions and data actions', () => {
    for (const role of roles) {
      const control = role.permissions.some((p) => p.actions.length > 0);
      const data = role.permissions.some((p) => (p.dataActions ?? []).length > 0);
      const expected = control && data ? RolePlane.CONTROL_AND_DATA : control ? RolePlane.CONTROL : data ? RolePlane.DATA : RolePlane.NONE;
      expect({ role: role.name, plane: role.plane }).toEqual({ role: role.name, plane: expected });
    }
  });

  test('read-only roles have only read operations (or actions listed as reading only), and wildcard means * in actions', () => {
    for (const role of roles) {
      const operations = [...role.effectiveActions, ...role.effectiveDataActions];
      expect({ role: role.name, readOnly: role.isReadOnly }).toEqual({
        role: role.name,
        readOnly: operations.every((o) => o.toLowerCase().endsWith('/read') || o.toLowerCase() === 'read' || READ_ACTIONS.has(o.toLowerCase())),
      });
      expect(role.hasWildcardControlPlane).toBe(role.effectiveActions.includes('*'));
    }
  });

  test('roles that read with an action are read-only: Storage Blob Data Reader (a user delegation key), Key Vault Certificate User; a Support ticket is a write', () => {
    const readers = [BuiltInRole.STORAGE_BLOB_DATA_READER, BuiltInRole.KEY_VAULT_CERTIFICATE_USER, BuiltInRole.STORAGE_BLOB_DELEGATOR];
    expect(readers.map((r) => r.isReadOnly)).toEqual([true, true, true]);
    // Log Analytics Reader can open support tickets (Microsoft.Support/*): not read-only.
    expect(BuiltInRole.LOG_ANALYTICS_READER.isReadOnly).toBe(false);
    // Each listed action is one a built-in role holds, spelled as Azure spells it.
    const held = new Set(roles.flatMap((r) => [...r.effectiveActions, ...r.effectiveDataActions].map((o) => o.toLowerCase())));
    expect([...READ_ACTIONS].filter((a) => !held.has(a))).toEqual([]);
  });

  test('a custom role is classified by the same rules', () => {
    const deployer = Role.custom({
      guid: '00000000-0000-4000-8000-000000000001',
      name: 'Deployer',
      permissions: [{ actions: ['Microsoft.Resources/*', 'Microsoft.Authorization/roleAssignments/*'] }],
    });
    expect(deployer.canGrantAccess).toBe(true);
    expect(deployer.isBuiltIn).toBe(false);
    expect(deployer.plane).toBe(RolePlane.CONTROL);

    const denied = Role.custom({
      guid: '00000000-0000-4000-8000-000000000002',
      name: 'Denied',
      permissions: [{ actions: ['*'], notActions: ['Microsoft.Authorization/*/write'] }],
    });
    expect(denied.canGrantAccess).toBe(false);
    expect(denied.hasWildcardControlPlane).toBe(true);

    const twoBlocks = Role.custom({
      guid: '00000000-0000-4000-8000-000000000003',
      name: 'Two blocks',
      permissions: [
        { actions: ['*/read'] },
        { actions: [], dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'] },
      ],
    });
    expect(twoBlocks.plane).toBe(RolePlane.CONTROL_AND_DATA);
    expect(twoBlocks.isReadOnly).toBe(true);
  });
});

describe('lookups', () => {
  test('by name ignores case and surrounding space', () => {
    expect(BuiltInRole.fromName('  key vault secrets user ')).toBe(BuiltInRole.KEY_VAULT_SECRETS_USER);
  });

  test('by every role definition ID form', () => {
    const guid = '4633458b-17de-408a-b874-0445c86b69e6';
    for (const id of [
      guid,
      guid.toUpperCase(),
      `/providers/Microsoft.Authorization/roleDefinitions/${guid}`,
      `/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.Authorization/roleDefinitions/${guid}`,
      `/SUBSCRIPTIONS/11111111-2222-3333-4444-555555555555/PROVIDERS/microsoft.authorization/ROLEDEFINITIONS/${guid}`,
    ]) {
      expect(BuiltInRole.fromId(id)).toBe(BuiltInRole.KEY_VAULT_SECRETS_USER);
    }
  });

  test('an unknown name suggests the closest role', () => {
    expect(() => BuiltInRole.fromName('Key Vault Secret User')).toThrow(
      /Unknown Azure role "Key Vault Secret User"\. Did you mean "Key Vault Secrets User"/,
    );
    expect(() => BuiltInRole.fromName('Storage Blob Data Reder')).toThrow(/Did you mean "Storage Blob Data Reader"/);
  });

  test('a name with nothing close says how to use a custom role', () => {
    expect(() => BuiltInRole.fromName('zzzz')).toThrow(/Role\.custom\(\)/);
    expect(() => BuiltInRole.fromName('zzzz')).not.toThrow(/Did you mean/);
  });

  test('a malformed or unknown ID is rejected with the accepted forms', () => {
    expect(() => BuiltInRole.fromId('/providers/Microsoft.Authorization/roleDefinitions/nope')).toThrow(
      /is not a role definition ID\. Accepted: a GUID/,
    );
    expect(() => BuiltInRole.fromId('00000000-0000-0000-0000-000000000000')).toThrow(/No role with GUID/);
  });

  test('a catalog with custom roles finds them too, and refuses duplicates', () => {
    const custom = Role.custom({ guid: '00000000-0000-4000-8000-00000000000a', name: 'Ordering Deployer', permissions: [{ actions: ['*/read'] }] });
    const catalog = RoleCatalog.fromRoles([...RoleCatalog.builtIn().roles, custom]);
    expect(catalog.fromName('ordering deployer')).toBe(custom);
    expect(() => RoleCatalog.fromRoles([custom, custom])).toThrow(/repeats "Ordering Deployer"/);
  });
});

describe('role definition ID forms', () => {
  test('tenant-wide and subscription-scoped', () => {
    const role = BuiltInRole.OWNER;
    expect(role.definitionId).toBe('/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635');
    expect(role.subscriptionScopedId('11111111-2222-3333-4444-555555555555')).toBe(
      '/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    );
    expect(() => role.subscriptionScopedId('not-a-guid')).toThrow(/"not-a-guid" is not a subscription ID/);
  });

  test('a custom role refuses a GUID that is not one', () => {
    expect(() => Role.custom({ guid: 'x', name: 'Bad', permissions: [] })).toThrow(/guid "x" is not a GUID/);
  });
});

describe('Entra directory roles', () => {
  test.each([
    ['GLOBAL_ADMINISTRATOR', 'Global Administrator', '62e90394-69f5-4237-9190-012177145e10', 224],
    ['PRIVILEGED_ROLE_ADMINISTRATOR', 'Privileged Role Administrator', 'e8611ab8-c189-46e8-94e1-60213ab1f814', 28],
    ['APPLICATION_ADMINISTRATOR', 'Application Administrator', '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', 73],
    ['CLOUD_APPLICATION_ADMINISTRATOR', 'Cloud Application Administrator', '158c047a-c907-4556-b7ef-446551a6b5f7', 61],
  ])('%s', (constant, name, templateId, actions) => {
    const role = (DirectoryRole as unknown as Record<string, EntraRole>)[constant];
    expect(role.name).toBe(name);
    expect(role.templateId).toBe(templateId);
    expect(role.isPrivileged).toBe(true);
    expect(role.allowedActions).toHaveLength(actions);
    expect(DirectoryRole.fromTemplateId(templateId.toUpperCase())).toBe(role);
    expect(DirectoryRole.fromName(name.toLowerCase())).toBe(role);
  });

  test('33 roles are privileged: the 32 Graph flags, and Entra SOC Identity Responder as entraops flags it', () => {
    const roles = EntraRoleCatalog.builtIn().roles;
    expect(roles).toHaveLength(145);
    expect(roles.filter((r) => r.isPrivileged)).toHaveLength(33);
    expect(DirectoryRole.ENTRA_SOC_IDENTITY_RESPONDER.isPrivileged).toBe(true);
  });

  test('an unknown name suggests the closest', () => {
    expect(() => DirectoryRole.fromName('Global Administrater')).toThrow(/Did you mean "Global Administrator"/);
  });
});
