import { parseReference } from '../reference';
import { TerraformBlock } from '../terraform-json';
import { flag, strings, text } from './block-values';
import { DocumentIndex } from './document-index';
import { principalOf } from './entra-access';
import { GraphDirectoryObject, GraphGroupMembership, GraphOwnership, GraphPrincipal, GraphUnitMembership, Origin } from './graph-types';
import { CLIENT_ID_ATTRIBUTES } from './resolve-principal';
import { userAccountSignsOf } from './user-service-accounts';

type OriginOf = (block: TerraformBlock) => Origin;

const KIND_OF_TYPE: ReadonlyMap<string, GraphDirectoryObject['kind']> = new Map([
  ['azuread_application', 'application'],
  ['azuread_application_registration', 'application'],
  ['azuread_service_principal', 'service-principal'],
  ['azuread_group', 'group'],
  ['azuread_user', 'user'],
]);
const DIRECTORY_TYPES = [...KIND_OF_TYPE.keys()];
const UNIT_TYPE = 'azuread_administrative_unit';

/** `assignable_to_role` as written: true, false, or `unknown` (a variable, say). */
function roleAssignableOf(group: TerraformBlock): boolean | 'unknown' {
  const value = flag(group.body, 'assignable_to_role');
  return value === undefined ? false : value;
}

/** What the configuration says about its Entra objects: the objects, their owners and the groups' members. */
export interface EntraDirectory {
  readonly objects: GraphDirectoryObject[];
  readonly ownerships: GraphOwnership[];
  readonly memberships: GraphGroupMembership[];
  readonly unitMemberships: GraphUnitMembership[];
}

function objectName(block: TerraformBlock): string {
  return text(block.body, 'display_name') ?? text(block.body, 'user_principal_name') ?? block.address;
}

/** The address an application is named by in `application_id` / `client_id`: a reference to an application of the document. */
function applicationAddress(value: string | undefined, index: DocumentIndex): string | undefined {
  const reference = value === undefined ? undefined : parseReference(value);
  return reference !== undefined && KIND_OF_TYPE.get(reference.type) === 'application' && index.get(reference.address) !== undefined
    ? reference.address : undefined;
}

/** The declared object a reference (`${azuread_group.ops.object_id}`) names, by its address. */
function objectAddress(value: string | undefined, index: DocumentIndex): string | undefined {
  const reference = value === undefined ? undefined : parseReference(value);
  return reference !== undefined && KIND_OF_TYPE.has(reference.type) && index.get(reference.address) !== undefined
    ? reference.address : undefined;
}

/**
 * Reads the Entra objects of one document and how they relate: which service principal each
 * application has, who owns what (`owners`, `azuread_application_owner`), who is in which group
 * (`members`, `azuread_group_member`) and which administrative units hold which objects.
 * A group the document does not declare may be role-assignable: unknown counts as the wider case.
 */
export function readEntraDirectory(index: DocumentIndex, origin: OriginOf): EntraDirectory {
  // The resources of the directory's types, in document order, from the document's lists by type: not a pass over every block.
  const blocks = index.ofType(...DIRECTORY_TYPES);
  const self = (block: TerraformBlock) => principalOf(`\${${block.address}.object_id}`, index);

  // An application signs in as the service principal made for it: `client_id = azuread_application.x.client_id`.
  const servicePrincipalOf = new Map<string, GraphPrincipal>();
  for (const block of index.ofType('azuread_service_principal')) {
    const application = CLIENT_ID_ATTRIBUTES.map((a) => applicationAddress(text(block.body, a), index)).find((a) => a !== undefined);
    if (application !== undefined && !servicePrincipalOf.has(application)) servicePrincipalOf.set(application, self(block));
  }

  const units = new Map<string, string[]>();
  const unitMemberships: GraphUnitMembership[] = [];
  const addToUnit = (member: string | undefined, unit: string, block?: TerraformBlock, written?: string) => {
    if (block !== undefined && written !== undefined) {
      unitMemberships.push({ origin: origin(block), unit, member: principalOf(written, index) });
    }
    if (member === undefined) return;
    const list = units.get(member);
    if (list === undefined) units.set(member, [unit]);
    else if (!list.includes(unit)) list.push(unit);
  };
  for (const unit of index.ofType(UNIT_TYPE)) {
    for (const member of strings(unit.body, 'members')) addToUnit(objectAddress(member, index), unit.address, unit, member);
  }
  for (const block of index.ofType('azuread_administrative_unit_member')) {
    const unit = parseReference(text(block.body, 'administrative_unit_object_id') ?? '');
    const member = text(block.body, 'member_object_id');
    if (unit?.type === UNIT_TYPE) addToUnit(objectAddress(member, index), unit.address, block, member ?? '');
  }
  for (const group of index.ofType('azuread_group')) {
    for (const unit of strings(group.body, 'administrative_unit_ids')) {
      const reference = parseReference(unit);
      if (reference?.type === UNIT_TYPE) addToUnit(group.address, reference.address);
    }
  }

  const accounts = userAccountSignsOf(index);
  const objects: GraphDirectoryObject[] = blocks.map((block) => {
    const kind = KIND_OF_TYPE.get(block.type) ?? 'user';
    const principal = kind === 'application' ? servicePrincipalOf.get(block.address) : self(block);
    const signs = kind === 'user' ? accounts.get(block.address) : undefined;
    return {
      origin: origin(block),
      kind,
      name: objectName(block),
      ...(principal === undefined ? {} : { principal }),
      ...(kind === 'group' ? { roleAssignable: roleAssignableOf(block) } : {}),
      administrativeUnits: units.get(block.address) ?? [],
      ...(signs === undefined ? {} : { accountSigns: signs }),
    };
  });
  // For the members of a group, unknown counts as role-assignable: the rule on such members is the wider reading.
  const roleAssignableGroups = new Set(objects.filter((o) => o.roleAssignable !== false && o.kind === 'group').map((o) => o.origin.address));

  const ownerships: GraphOwnership[] = [];
  for (const block of blocks) {
    for (const owner of strings(block.body, 'owners')) {
      ownerships.push({ origin: origin(block), owner: principalOf(owner, index), owned: block.address, ownedKind: KIND_OF_TYPE.get(block.type) ?? 'user' });
    }
  }
  for (const block of index.ofType('azuread_application_owner')) {
    const owned = applicationAddress(text(block.body, 'application_id'), index);
    ownerships.push({
      origin: origin(block),
      owner: principalOf(text(block.body, 'owner_object_id') ?? '', index),
      ...(owned === undefined ? {} : { owned }),
      ownedKind: 'application',
    });
  }

  const memberships: GraphGroupMembership[] = [];
  const member = (block: TerraformBlock, groupValue: string, memberValue: string) => {
    const group = objectAddress(groupValue, index);
    memberships.push({
      origin: origin(block),
      member: principalOf(memberValue, index),
      group: principalOf(groupValue, index),
      // A group the document does not declare may be role-assignable.
      roleAssignable: group === undefined || roleAssignableGroups.has(group),
    });
  };
  for (const group of index.ofType('azuread_group')) {
    for (const value of strings(group.body, 'members')) member(group, `\${${group.address}.object_id}`, value);
  }
  for (const block of index.ofType('azuread_group_member')) {
    member(block, text(block.body, 'group_object_id') ?? '', text(block.body, 'member_object_id') ?? '');
  }
  return { objects, ownerships, memberships, unitMemberships };
}
