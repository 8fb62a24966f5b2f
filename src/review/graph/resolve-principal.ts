import { PrincipalRecord } from '../../model/metadata';
import { PrincipalKind } from '../../model/principal-kind';
import { principalFactsOf } from '../../model/terraform-types';
import { parseReference } from '../reference';
import { AZAPI_PRINCIPAL_ATTRIBUTE, AZAPI_SYSTEM_ASSIGNED_ATTRIBUTE, AZAPI_TYPES, azapiKindOf } from './azapi-access';
import { attributeOf, nestedBlock, text } from './block-values';
import { DocumentIndex } from './document-index';
import { GraphPrincipal } from './graph-types';
import { isGuid } from '../../model/guid';


// A Map: `principal_type` is input, and a type written `constructor` is no kind at all.
const KIND_OF_PRINCIPAL_TYPE: ReadonlyMap<string, PrincipalKind> = new Map([
  ['user', PrincipalKind.HUMAN],
  ['group', PrincipalKind.GROUP],
  ['serviceprincipal', PrincipalKind.APPLICATION],
]);


const KNOWN_KINDS: string[] = Object.values(PrincipalKind);

// `kubelet_identity.0.object_id`, `oms_agent.0.oms_agent_identity.0.object_id`, `key_vault_secrets_provider.0.secret_identity.0.object_id`.
const AKS_IDENTITY = /^(kubelet_identity|[a-z_]+)\.0\.(?:[a-z_]*identity\.0\.)?object_id$/;

// `storage_account_identity.0.principal_id`: the principal of a managed identity made for a part of the resource.
const PART_IDENTITY = /^([a-z_]+_identity)\.0\.principal_id$/;

// What the reader writes for a module's variable that has no default and no value from the call.
const MODULE_INPUT = /^\$\{module input (var\.[A-Za-z0-9_-]+)\}$/;

/** The attributes a service principal writes its application's client ID in, by azuread version (3.x, 2.x). */
export const CLIENT_ID_ATTRIBUTES = ['client_id', 'application_id'];

/** A service principal's client ID as written, whichever azuread version names it. */
export function clientIdOf(body: Record<string, unknown> | undefined): string | undefined {
  return text(body, CLIENT_ID_ATTRIBUTES[0]) ?? text(body, CLIENT_ID_ATTRIBUTES[1]);
}

/**
 * A service principal has no name of its own in azuread 3.x: it is its application's
 * (`client_id = azuread_application.x.client_id`; `application_id` in 2.x).
 */
function applicationName(body: Record<string, unknown> | undefined, index: DocumentIndex): string | undefined {
  const clientId = clientIdOf(body);
  const reference = clientId === undefined ? undefined : parseReference(clientId);
  return reference === undefined ? undefined : text(index.get(reference.address)?.body, 'display_name');
}

// The IDs a document states for its own principals, per document, made on the first literal ID asked about.
const DECLARED_PRINCIPAL_IDS = new WeakMap<DocumentIndex, Map<string, string>>();

/**
 * The principals a document declares whose IDs it states (a plan of resources that exist
 * already), by ID, as the reference that names each: `${azuread_group.ops.object_id}`,
 * `${azurerm_user_assigned_identity.api.principal_id}`, `${azurerm_linux_web_app.api.identity.0.principal_id}`.
 * The principals themselves (azuread objects, user-assigned identities) come first, then the
 * blocks that only point at one: an AKS kubelet identity states the ID of the user-assigned
 * identity it uses, which is the one meant. Within each, the first block in the document wins.
 */
function declaredPrincipalIds(index: DocumentIndex): Map<string, string> {
  let ids = DECLARED_PRINCIPAL_IDS.get(index);
  if (ids !== undefined) return ids;
  const found = new Map<string, string>();
  const add = (id: string | undefined, address: string, attribute: string) => {
    const reference = `\${${address}.${attribute}}`;
    // An address Terraform can write but a reference cannot be read back from (a key with `]`) names nothing here.
    if (isGuid(id) && !found.has(id.toLowerCase()) && parseReference(reference) !== undefined) found.set(id.toLowerCase(), reference);
  };
  for (const block of index.blocks) {
    const attribute = principalFactsOf(block.type)?.objectIdAttributes[0];
    if (attribute !== undefined) add(text(block.body, attribute), block.address, attribute);
  }
  for (const block of index.blocks) {
    for (const [name, idAttribute] of [['identity', 'principal_id'], ['kubelet_identity', 'object_id']]) {
      add(text(nestedBlock(attributeOf(block.body, name)), idAttribute), block.address, `${name}.0.${idAttribute}`);
    }
  }
  ids = found;
  DECLARED_PRINCIPAL_IDS.set(index, ids);
  return ids;
}

/** The reference to the principal of this document whose ID a literal GUID is, or undefined. */
export function declaredPrincipalReference(value: string, index: DocumentIndex): string | undefined {
  // Asked of every principal value: a reference, the usual case, is answered before any pattern runs.
  if (value.includes('${') || !isGuid(value)) return undefined;
  return declaredPrincipalIds(index).get(value.toLowerCase());
}

/** `identity.0.principal_id` and `identity[0].principal_id` are the same attribute. */
export function normalizeAttribute(attribute: string): string {
  return attribute.includes('[') ? attribute.replace(/\[(\d+)\]/g, '.$1') : attribute;
}

/**
 * Who a `principal_id` value names. A reference to a user-assigned identity's `principal_id` is
 * that managed identity; to `identity[0].principal_id` of any resource, its system-assigned
 * identity; to an azuread user, group or service principal's `object_id`, that principal. A
 * literal GUID is known only by the `principal_type` next to it. Anything else is unknown.
 */
export function resolvePrincipal(
  value: string,
  principalType: string | undefined,
  index: DocumentIndex,
  recorded?: PrincipalRecord,
): GraphPrincipal {
  return { ...principalBehind(value, principalType, index, recorded), written: value };
}

function principalBehind(
  value: string,
  principalType: string | undefined,
  index: DocumentIndex,
  recorded?: PrincipalRecord,
): GraphPrincipal {
  const typeKind = principalType ? KIND_OF_PRINCIPAL_TYPE.get(principalType.toLowerCase()) : undefined;
  if (!value.includes('${')) {
    // In a plan, what exists already is named by its ID: the declared principal with that ID is the one meant.
    const declared = declaredPrincipalReference(value, index);
    if (declared !== undefined) return principalBehind(declared, principalType, index, recorded);
    const key = isGuid(value) ? value.toLowerCase() : value;
    // A literal ID says nothing about who it is; this library's constructs record it beside.
    const recordedKind = recorded && KNOWN_KINDS.includes(recorded.kind) ? (recorded.kind as PrincipalKind) : undefined;
    return { key, name: recorded?.name ?? value, kind: recordedKind ?? typeKind ?? 'unknown' };
  }
  const reference = parseReference(value);
  const moduleInput = MODULE_INPUT.exec(value);
  if (moduleInput) return { key: `${index.file}#${value}`, name: `unknown principal (module input ${moduleInput[1]})`, kind: typeKind ?? 'unknown' };
  if (!reference) return { key: `${index.file}#${value}`, name: value, kind: typeKind ?? 'unknown' };
  const attribute = normalizeAttribute(reference.attribute);
  const target = index.get(reference.address);
  const key = index.keyOf(reference.address, attribute);
  const named = (fallback: string) =>
    text(target?.body, 'name') ?? text(target?.body, 'display_name') ?? text(target?.body, 'user_principal_name')
    ?? applicationName(target?.body, index) ?? fallback;
  if (attribute === 'identity.0.principal_id') {
    return {
      key,
      name: `${named(reference.address)} (system-assigned)`,
      kind: PrincipalKind.MANAGED_IDENTITY,
      definedBy: reference.address,
    };
  }
  // An azapi resource's own identity, written in its body: `azapi_update_resource.app.output.identity.principalId`.
  if (target !== undefined && AZAPI_TYPES.includes(target.type) && attribute === AZAPI_SYSTEM_ASSIGNED_ATTRIBUTE) {
    return { key, name: `${named(reference.address)} (system-assigned)`, kind: PrincipalKind.MANAGED_IDENTITY, definedBy: reference.address };
  }
  // An azapi user-assigned identity: `azapi_resource.uai.output.properties.principalId` (azapi 2.x).
  if (target !== undefined && azapiKindOf(target) === 'identity' && attribute === AZAPI_PRINCIPAL_ATTRIBUTE) {
    return { key, name: named(reference.address), kind: PrincipalKind.MANAGED_IDENTITY, definedBy: reference.address };
  }
  // AKS: the kubelet identity and the add-ons' identities (oms_agent, ingress_application_gateway,
  // key_vault_secrets_provider, ...) are managed identities the cluster creates.
  const aks = reference.type === 'azurerm_kubernetes_cluster' ? AKS_IDENTITY.exec(attribute) : null;
  if (aks) return { key, name: `${named(reference.address)} (${aks[1]})`, kind: PrincipalKind.MANAGED_IDENTITY, definedBy: reference.address };
  // A managed identity a resource makes for a part of it: Databricks' storage_account_identity and
  // managed_disk_identity, an AKS extension's aks_assigned_identity. In azurerm, only managed
  // identities have a `principal_id` in a computed `*_identity` block.
  const part = reference.type.startsWith('azurerm_') ? PART_IDENTITY.exec(attribute) : null;
  if (part) return { key, name: `${named(reference.address)} (${part[1]})`, kind: PrincipalKind.MANAGED_IDENTITY, definedBy: reference.address };
  const facts = principalFactsOf(reference.type);
  if (facts !== undefined && facts.objectIdAttributes.includes(attribute)) {
    // `object_id` and `id` name the same object: one key, so its grants, roles and owners meet.
    const objectKey = index.keyOf(reference.address, facts.objectIdAttributes[0]);
    return { key: objectKey, name: named(reference.address), kind: facts.kind, definedBy: reference.address };
  }
  return { key, name: value, kind: typeKind ?? 'unknown' };
}
