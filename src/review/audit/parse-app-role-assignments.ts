import { entryAt, guid, optionalText } from './export-shape';
import { ExportKind, readExportText } from './export-stream';
import { LiveAppRoleAssignment, LiveExport } from './live-types';
import { InputError } from '../reader/input-error';
import { expectString } from '../reader/shape-check';

/** Microsoft Graph's service principal, by the name every tenant's has (its appId is 00000003-0000-0000-c000-000000000000). */
export const MICROSOFT_GRAPH_NAME = 'Microsoft Graph';

/**
 * Microsoft Graph `GET /v1.0/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')/appRoleAssignedTo`:
 * every application permission of Microsoft Graph granted in the tenant, to whom. An app role of
 * another API is refused by its place rather than judged: this review names Graph's permissions
 * from the catalog, and another API's roles are that API's to define.
 */
export const APP_ROLE_ASSIGNMENTS: ExportKind<LiveAppRoleAssignment> = {
  what: "Microsoft Graph's appRoleAssignedTo list",
  shape: 'pages',
  read(file, place, value, shared) {
    const { entry, at } = entryAt(file, place, value, 'an app role assignment');
    const resource = optionalText(file, at('resourceDisplayName'), entry.resourceDisplayName);
    if (resource !== MICROSOFT_GRAPH_NAME) {
      throw new InputError(file, `expected an app role of ${MICROSOFT_GRAPH_NAME} (resourceDisplayName), got ${resource === undefined ? 'none' : `"${resource}"`}: `
        + "export Microsoft Graph's own appRoleAssignedTo", at('resourceDisplayName'));
    }
    const principalType = optionalText(file, at('principalType'), entry.principalType);
    const principalDisplayName = optionalText(file, at('principalDisplayName'), entry.principalDisplayName);
    return {
      file,
      place,
      id: expectString(file, at('id'), entry.id),
      appRoleId: shared(guid(file, at('appRoleId'), entry.appRoleId)),
      principalId: shared(guid(file, at('principalId'), entry.principalId)),
      ...(principalType === undefined ? {} : { principalType: shared(principalType) }),
      ...(principalDisplayName === undefined ? {} : { principalDisplayName: shared(principalDisplayName) }),
      resourceId: shared(guid(file, at('resourceId'), entry.resourceId)),
    };
  },
};

/** Reads an app role assignment export from its text. */
export function parseAppRoleAssignments(file: string, text: string): LiveExport<LiveAppRoleAssignment> {
  return readExportText(file, text, APP_ROLE_ASSIGNMENTS);
}
