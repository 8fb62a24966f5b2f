import { entryAt, expectArmIdOf, expectScope, expectType, guid, optionalText } from './export-shape';
import { ExportKind, readExportText } from './export-stream';
import { LiveAssignment, LiveExport } from './live-types';
import { roleDefinitionAt } from './role-definition-guid';

const WHAT = 'the output of "az role assignment list --all -o json"';

/** `az role assignment list --all -o json`: an array of assignments. */
export const ROLE_ASSIGNMENT_LIST: ExportKind<LiveAssignment> = {
  what: WHAT,
  shape: 'array',
  read(file, place, value, shared) {
    const { entry, at } = entryAt(file, place, value, 'a role assignment');
    expectType(file, at('type'), entry.type, 'Microsoft.Authorization/roleAssignments');
    const { scope, scopeLevel } = expectScope(file, at('scope'), entry.scope);
    const principalName = optionalText(file, at('principalName'), entry.principalName);
    const principalType = optionalText(file, at('principalType'), entry.principalType);
    const roleName = optionalText(file, at('roleDefinitionName'), entry.roleDefinitionName);
    const condition = optionalText(file, at('condition'), entry.condition);
    const role = roleDefinitionAt(file, at('roleDefinitionId'), entry.roleDefinitionId);
    return {
      kind: 'standing',
      file,
      place,
      id: expectArmIdOf(file, at('id'), entry.id, 'Microsoft.Authorization/roleAssignments'),
      principalId: shared(guid(file, at('principalId'), entry.principalId)),
      ...(principalType === undefined ? {} : { principalType: shared(principalType) }),
      ...(principalName === undefined ? {} : { principalName: shared(principalName) }),
      roleDefinitionId: shared(role.roleDefinitionId),
      roleGuid: shared(role.roleGuid),
      ...(roleName === undefined ? {} : { roleName: shared(roleName) }),
      scope: shared(scope),
      scopeLevel,
      ...(condition === undefined ? {} : { condition: shared(condition) }),
    };
  },
};

/** Reads `az role assignment list --all -o json` from its text. Throws InputError on anything else. */
export function parseRoleAssignmentList(file: string, text: string): LiveExport<LiveAssignment> {
  return readExportText(file, text, ROLE_ASSIGNMENT_LIST);
}
