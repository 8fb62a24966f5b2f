import { entryAt, expectStrings, guid, optionalText } from './export-shape';
import { ExportKind, readExportText } from './export-stream';
import { LiveExport, LiveManagedIdentity } from './live-types';
import { expectString } from '../reader/shape-check';

const WHAT = "a Microsoft Graph servicePrincipals list (filter servicePrincipalType eq 'ManagedIdentity')";

/**
 * Microsoft Graph `GET /v1.0/servicePrincipals?$filter=servicePrincipalType eq 'ManagedIdentity'`.
 * Service principals of another type are passed over, so an unfiltered export works too.
 */
export const MANAGED_IDENTITIES: ExportKind<LiveManagedIdentity> = {
  what: WHAT,
  shape: 'pages',
  read(file, place, value) {
    const { entry, at } = entryAt(file, place, value, 'a service principal');
    const type = optionalText(file, at('servicePrincipalType'), entry.servicePrincipalType);
    if (type !== undefined && type !== 'ManagedIdentity') return undefined;
    const alternativeNames = expectStrings(file, at('alternativeNames'), entry.alternativeNames);
    const explicit = alternativeNames.find((name) => /^isExplicit=/i.test(name));
    const resourceId = alternativeNames.find((name) => name.startsWith('/'));
    return {
      file,
      place,
      id: guid(file, at('id'), entry.id),
      appId: guid(file, at('appId'), entry.appId),
      displayName: expectString(file, at('displayName'), entry.displayName),
      ...(explicit === undefined ? {} : { assignment: /=true$/i.test(explicit) ? 'user-assigned' as const : 'system-assigned' as const }),
      ...(resourceId === undefined ? {} : { resourceId }),
    };
  },
};

/** Reads the managed identities from the export's text. */
export function parseManagedIdentities(file: string, text: string): LiveExport<LiveManagedIdentity> {
  return readExportText(file, text, MANAGED_IDENTITIES);
}
