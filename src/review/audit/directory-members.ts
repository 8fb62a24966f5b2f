import { entryAt, guid, optionalText } from './export-shape';
import { LiveDirectoryMember } from './live-types';

/**
 * Microsoft Graph's `$expand` lists at most this many members or owners of an object: one listed
 * with this many may have more, and the review says so rather than read the rest as absent.
 */
export const EXPANDED_MEMBERS_LIMIT = 20;

/** Graph's member and owner kinds, by `@odata.type` (lower case), as role assignments name principal types. */
export const MEMBER_TYPES = new Map([
  ['#microsoft.graph.user', 'User'],
  ['#microsoft.graph.group', 'Group'],
  ['#microsoft.graph.serviceprincipal', 'ServicePrincipal'],
]);

/**
 * One directory object Graph expands as a member or owner (`{"@odata.type", "id", "displayName"}`),
 * Graph's own export and AzureHound's alike. A kind Graph adds later (a device, an org contact)
 * is read without a principal type: its ID is still who holds what.
 */
export function directoryMemberAt(file: string, place: string, value: unknown, what: string, shared: (text: string) => string): LiveDirectoryMember {
  const { entry, at } = entryAt(file, place, value, what);
  const type = optionalText(file, at('@odata.type'), entry['@odata.type']);
  const name = optionalText(file, at('displayName'), entry.displayName);
  const principalType = type === undefined ? undefined : MEMBER_TYPES.get(type.toLowerCase());
  return {
    place,
    id: shared(guid(file, at('id'), entry.id)),
    ...(principalType === undefined ? {} : { principalType }),
    ...(name === undefined ? {} : { displayName: shared(name) }),
  };
}
