import { directoryMemberAt, EXPANDED_MEMBERS_LIMIT } from './directory-members';
import { entryAt, guid, optionalText } from './export-shape';
import { ExportKind, readExportText } from './export-stream';
import { LiveExport, LiveOwned, LiveServicePrincipal, NotReviewed } from './live-types';
import { InputError } from '../reader/input-error';
import { expectArray, JsonRecord, pointerTo } from '../reader/shape-check';

/** What each kind of owned object is, by Graph's `@odata.type` (lower case). */
const OWNED_TYPES = new Map<string, LiveOwned['kind']>([
  ['#microsoft.graph.application', 'application'],
  ['#microsoft.graph.serviceprincipal', 'service-principal'],
  ['#microsoft.graph.group', 'group'],
]);

const WHAT = 'a Microsoft Graph list of applications, service principals or groups with $expand=owners';

/**
 * Microsoft Graph `GET /v1.0/applications`, `/servicePrincipals` or `/groups`, each with
 * `$expand=owners` (the README gives the three commands): who owns what. An owner adds a secret to
 * the application or service principal it owns and signs in as it, or adds members to its group.
 * Graph writes no `@odata.type` on the items of a list of one kind, so each item's kind is told by
 * the fields the README's `$select` asks for: `servicePrincipalType` (a service principal), else
 * `appId` (an application), else `isAssignableToRole` (a group). An item that says none is refused
 * by its place, never guessed.
 */
export const OWNERS: ExportKind<LiveOwned> = {
  what: WHAT,
  shape: 'pages',
  read(file, place, value, shared) {
    const { entry, at } = entryAt(file, place, value, 'an application, service principal or group');
    const kind = ownedKindOf(file, place, entry);
    const displayName = optionalText(file, at('displayName'), entry.displayName);
    const assignable = entry.isAssignableToRole;
    const principalType = kind === 'service-principal' ? optionalText(file, at('servicePrincipalType'), entry.servicePrincipalType) : undefined;
    // Without the expansion there is no owner to read: refused, never read as an object without owners.
    const owners = expectArray(file, at('owners'), entry.owners, 'an array (the owners: export with $expand=owners)');
    return {
      file,
      place,
      kind,
      id: shared(guid(file, at('id'), entry.id)),
      ...(kind === 'group' ? {} : { appId: shared(guid(file, at('appId'), entry.appId)) }),
      ...(displayName === undefined ? {} : { displayName: shared(displayName) }),
      ...(kind === 'group' && typeof assignable === 'boolean' ? { roleAssignable: assignable } : {}),
      ...(principalType === undefined ? {} : { servicePrincipalType: shared(principalType) }),
      owners: owners.map((item, index) => directoryMemberAt(file, pointerTo(at('owners'), index), item, 'an owner', shared)),
    };
  },
};

function ownedKindOf(file: string, place: string, entry: JsonRecord): LiveOwned['kind'] {
  const type = optionalText(file, pointerTo(place, '@odata.type'), entry['@odata.type']);
  if (type !== undefined) {
    const kind = OWNED_TYPES.get(type.toLowerCase());
    if (kind === undefined) throw new InputError(file, `expected an application, service principal or group, got "${type}"`, pointerTo(place, '@odata.type'));
    return kind;
  }
  if (entry.servicePrincipalType !== undefined) return 'service-principal';
  if (entry.appId !== undefined) return 'application';
  if (entry.isAssignableToRole !== undefined) return 'group';
  throw new InputError(file, 'expected an application (appId), a service principal (servicePrincipalType) or a group (isAssignableToRole): '
    + 'export with the $select the README gives, which names the kind', place);
}

/** Reads an owners export from its text. */
export function parseOwners(file: string, text: string): LiveExport<LiveOwned> {
  return readExportText(file, text, OWNERS);
}

/** The service principals an owners export lists, by appId: whom an application's owner signs in as. */
export function servicePrincipalsOf(exported: LiveExport<LiveOwned>): LiveExport<LiveServicePrincipal> {
  return {
    ...exported,
    items: exported.items.filter((o) => o.kind === 'service-principal').map((o) => ({
      file: o.file, place: o.place, id: o.id, appId: o.appId!, ...(o.displayName === undefined ? {} : { displayName: o.displayName }),
    })),
  };
}

/**
 * Objects listed with as many owners as `$expand` gives at most: their other owners, if any, are
 * not in the export, and are named as not reviewed rather than read as absent.
 */
export function ownersNotListed(exported: LiveExport<LiveOwned>): NotReviewed[] {
  return exported.items.filter((o) => o.owners.length >= EXPANDED_MEMBERS_LIMIT).map((o) => ({
    file: o.file,
    kind: `${o.kind.replace('-', ' ')} ${o.displayName === undefined ? o.id : `"${o.displayName}" (${o.id})`} listed with the `
      + `${EXPANDED_MEMBERS_LIMIT} owners $expand gives at most: its other owners`,
    count: 1,
  }));
}

/**
 * Owners of an application whose service principal no export lists: what the owner signs in as
 * cannot be told, so they are named as not reviewed rather than read as leading nowhere.
 * `appIdOf` gives an application's appId when the exports say it (AzureHound's owners name the
 * application by its object ID only); `principals` holds the appIds whose service principal is known.
 */
export function ownersNotFollowed(owned: readonly LiveOwned[], appIdOf: (applicationId: string) => string | undefined,
  principals: ReadonlySet<string>): NotReviewed[] {
  return owned.filter((o) => o.kind === 'application' && o.owners.length > 0).flatMap((o) => {
    const appId = o.appId ?? appIdOf(o.id);
    if (appId !== undefined && principals.has(appId)) return [];
    return [{
      file: o.file,
      kind: `owner of application ${o.displayName === undefined ? o.id : `"${o.displayName}" (${o.id})`} whose service principal is in no export `
        + '(export servicePrincipals with $expand=owners too, or collect AZServicePrincipal)',
      count: o.owners.length,
    }];
  });
}
