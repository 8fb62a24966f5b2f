import { InputError } from '../reader/input-error';
import { expectString } from '../reader/shape-check';

const GUID_AT_END = /(?:^|\/roleDefinitions\/)([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * The role GUID at the end of a live `roleDefinitionId`, whatever scope qualifies it
 * (tenant, subscription or management group).
 */
export function roleDefinitionAt(file: string, place: string, value: unknown): { roleDefinitionId: string; roleGuid: string } {
  const roleDefinitionId = expectString(file, place, value);
  const match = GUID_AT_END.exec(roleDefinitionId.trim());
  if (!match) throw new InputError(file, `expected a role definition ID (".../roleDefinitions/<guid>"), got "${roleDefinitionId}"`, place);
  return { roleDefinitionId, roleGuid: match[1].toLowerCase() };
}
