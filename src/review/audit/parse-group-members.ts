import { directoryMemberAt, EXPANDED_MEMBERS_LIMIT } from './directory-members';
import { entryAt, guid, optionalText } from './export-shape';
import { ExportKind, readExportText } from './export-stream';
import { LiveExport, LiveGroupMembers, NotReviewed } from './live-types';
import { expectArray, pointerTo } from '../reader/shape-check';


/**
 * Microsoft Graph `GET /v1.0/groups?$filter=isAssignableToRole eq true&$expand=members(...)`
 * (or any groups list with `$expand=members`): who is in which group. A member holds whatever the
 * group holds, so a group someone joined by hand is an edge of reach.
 */
export const GROUP_MEMBERS: ExportKind<LiveGroupMembers> = {
  what: 'a Microsoft Graph groups list with $expand=members',
  shape: 'pages',
  read(file, place, value, shared) {
    const { entry, at } = entryAt(file, place, value, 'a group');
    const displayName = optionalText(file, at('displayName'), entry.displayName);
    const assignable = entry.isAssignableToRole;
    // Without the expansion there is no member to read: refused, never read as a group with none.
    const members = expectArray(file, at('members'), entry.members, 'an array (the group\'s members: export with $expand=members)');
    return {
      file,
      place,
      id: shared(guid(file, at('id'), entry.id)),
      ...(displayName === undefined ? {} : { displayName: shared(displayName) }),
      ...(typeof assignable === 'boolean' ? { roleAssignable: assignable } : {}),
      members: members.map((item, index) => directoryMemberAt(file, pointerTo(at('members'), index), item, 'a member', shared)),
    };
  },
};

/** Reads a groups-with-members export from its text. */
export function parseGroupMembers(file: string, text: string): LiveExport<LiveGroupMembers> {
  return readExportText(file, text, GROUP_MEMBERS);
}

/**
 * Groups listed with as many members as `$expand` gives at most: their other members, if any, are
 * not in the export, and are named as not reviewed rather than read as absent.
 */
export function membersNotListed(exported: LiveExport<LiveGroupMembers>): NotReviewed[] {
  return exported.items.filter((group) => group.members.length >= EXPANDED_MEMBERS_LIMIT).map((group) => ({
    file: group.file,
    kind: `group ${group.displayName === undefined ? group.id : `"${group.displayName}" (${group.id})`} listed with the ${EXPANDED_MEMBERS_LIMIT} members `
      + '$expand gives at most: its other members',
    count: 1,
  }));
}
