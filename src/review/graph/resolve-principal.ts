import { PrincipalKind } from '../../identity/principal-type';
import { parseReference } from '../reference';
import { text } from './block-values';
import { DocumentIndex } from './document-index';
import { GraphPrincipal } from './graph-types';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const KIND_OF_AZUREAD_TYPE: Record<string, PrincipalKind> = {
  azuread_user: PrincipalKind.HUMAN,
  azuread_group: PrincipalKind.GROUP,
  azuread_service_principal: PrincipalKind.APPLICATION,
};

const KIND_OF_PRINCIPAL_TYPE: Record<string, PrincipalKind> = {
  user: PrincipalKind.HUMAN,
  group: PrincipalKind.GROUP,
  serviceprincipal: PrincipalKind.APPLICATION,
};

/** The kind and name this library's constructs write under `"//"` for a literal principal ID. */
export interface RecordedPrincipal {
  readonly kind: string;
  readonly name: string;
}

const KNOWN_KINDS: string[] = Object.values(PrincipalKind);

/** `identity.0.principal_id` and `identity[0].principal_id` are the same attribute. */
export function normalizeAttribute(attribute: string): string {
  return attribute.replace(/\[(\d+)\]/g, '.$1');
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
  recorded?: RecordedPrincipal,
): GraphPrincipal {
  const typeKind = principalType ? KIND_OF_PRINCIPAL_TYPE[principalType.toLowerCase()] : undefined;
  if (!value.includes('${')) {
    const key = GUID.test(value) ? value.toLowerCase() : value;
    // A literal ID says nothing about who it is; this library's constructs record it beside.
    const recordedKind = recorded && KNOWN_KINDS.includes(recorded.kind) ? (recorded.kind as PrincipalKind) : undefined;
    return { key, name: recorded?.name ?? value, kind: recordedKind ?? typeKind ?? 'unknown' };
  }
  const reference = parseReference(value);
  if (!reference) return { key: `${index.file}#${value}`, name: value, kind: typeKind ?? 'unknown' };
  const attribute = normalizeAttribute(reference.attribute);
  const target = index.get(reference.address);
  const key = index.keyOf(reference.address, attribute);
  const named = (fallback: string) =>
    text(target?.body, 'name') ?? text(target?.body, 'display_name') ?? text(target?.body, 'user_principal_name') ?? fallback;
  if (reference.type === 'azurerm_user_assigned_identity' && attribute === 'principal_id') {
    return { key, name: named(reference.address), kind: PrincipalKind.MANAGED_IDENTITY, definedBy: reference.address };
  }
  if (/^identity\.0\.principal_id$/.test(attribute)) {
    return {
      key,
      name: `${named(reference.address)} (system-assigned)`,
      kind: PrincipalKind.MANAGED_IDENTITY,
      definedBy: reference.address,
    };
  }
  const azureadKind = KIND_OF_AZUREAD_TYPE[reference.type];
  if (azureadKind !== undefined && ['object_id', 'id', 'principal_id'].includes(attribute)) {
    return { key, name: named(reference.address), kind: azureadKind, definedBy: reference.address };
  }
  return { key, name: value, kind: typeKind ?? 'unknown' };
}
