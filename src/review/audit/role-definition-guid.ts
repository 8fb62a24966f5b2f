import { roleGuidOf } from '../../model/guid';
import { InputError } from '../reader/input-error';
import { expectString } from '../reader/shape-check';


/**
 * The role GUID at the end of a live `roleDefinitionId`, whatever scope qualifies it
 * (tenant, subscription or management group).
 */
export function roleDefinitionAt(file: string, place: string, value: unknown): { roleDefinitionId: string; roleGuid: string } {
  const roleDefinitionId = expectString(file, place, value);
  const roleGuid = roleGuidOf(roleDefinitionId);
  if (roleGuid === undefined) throw new InputError(file, `expected a role definition ID (".../roleDefinitions/<guid>"), got "${roleDefinitionId}"`, place);
  return { roleDefinitionId, roleGuid };
}
