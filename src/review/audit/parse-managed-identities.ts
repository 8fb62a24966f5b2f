import { entryAt, expectStrings, guid, optionalText, parseExport, valueList } from './export-shape';
import { LiveExport, LiveManagedIdentity } from './live-types';
import { expectString, pointerTo } from '../reader/shape-check';

const WHAT = "a Microsoft Graph servicePrincipals list (filter servicePrincipalType eq 'ManagedIdentity')";

/**
 * Reads Microsoft Graph `GET /v1.0/servicePrincipals?$filter=servicePrincipalType eq 'ManagedIdentity'`.
 * Service principals of another type are passed over, so an unfiltered export works too.
 */
export function parseManagedIdentities(file: string, text: string): LiveExport<LiveManagedIdentity> {
  return parseExport(file, text, (json) => {
    const { items, nextLink } = valueList(file, json, WHAT);
    const identities: LiveManagedIdentity[] = [];
    items.forEach((value, index) => {
      const place = pointerTo('/value', index);
      const { entry, at } = entryAt(file, place, value, 'a service principal');
      const type = optionalText(file, at('servicePrincipalType'), entry.servicePrincipalType);
      if (type !== undefined && type !== 'ManagedIdentity') return;
      const alternativeNames = expectStrings(file, at('alternativeNames'), entry.alternativeNames);
      const explicit = alternativeNames.find((name) => /^isExplicit=/i.test(name));
      const resourceId = alternativeNames.find((name) => name.startsWith('/'));
      identities.push({
        file,
        place,
        id: guid(file, at('id'), entry.id),
        appId: guid(file, at('appId'), entry.appId),
        displayName: expectString(file, at('displayName'), entry.displayName),
        ...(explicit === undefined ? {} : { assignment: /=true$/i.test(explicit) ? 'user-assigned' as const : 'system-assigned' as const }),
        ...(resourceId === undefined ? {} : { resourceId }),
      });
    });
    return { file, items: identities, ...(nextLink === undefined ? {} : { nextLink }) };
  });
}
