import { entryAt, expectArmIdOf, expectRoot, expectScope, expectType, guid, optionalText, parseExport } from './export-shape';
import { LiveAssignment, LiveExport } from './live-types';
import { roleDefinitionAt } from './role-definition-guid';
import { pointerTo } from '../reader/shape-check';
import { scopeLevelOfValue } from '../reference';

const WHAT = 'the output of "az role assignment list --all -o json"';

/** Reads `az role assignment list --all -o json`: an array of assignments. Throws InputError on anything else. */
export function parseRoleAssignmentList(file: string, text: string): LiveExport<LiveAssignment> {
  return parseExport(file, text, (json) => ({
    file,
    items: (expectRoot(file, json, Array.isArray, `an array (${WHAT})`) as unknown[]).map((value, index) => {
      const place = pointerTo('', index);
      const { entry, at } = entryAt(file, place, value, 'a role assignment');
      expectType(file, at('type'), entry.type, 'Microsoft.Authorization/roleAssignments');
      const scope = expectScope(file, at('scope'), entry.scope);
      const principalName = optionalText(file, at('principalName'), entry.principalName);
      const principalType = optionalText(file, at('principalType'), entry.principalType);
      const roleName = optionalText(file, at('roleDefinitionName'), entry.roleDefinitionName);
      const condition = optionalText(file, at('condition'), entry.condition);
      const assignment: LiveAssignment = {
        kind: 'standing',
        file,
        place,
        id: expectArmIdOf(file, at('id'), entry.id, 'Microsoft.Authorization/roleAssignments'),
        principalId: guid(file, at('principalId'), entry.principalId),
        ...(principalType === undefined ? {} : { principalType }),
        ...(principalName === undefined ? {} : { principalName }),
        ...roleDefinitionAt(file, at('roleDefinitionId'), entry.roleDefinitionId),
        ...(roleName === undefined ? {} : { roleName }),
        scope,
        scopeLevel: scopeLevelOfValue(scope),
        ...(condition === undefined ? {} : { condition }),
      };
      return assignment;
    }),
  }));
}
