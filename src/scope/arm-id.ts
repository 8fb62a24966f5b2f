import { isGuid } from '../model/guid';
import { ScopeLevel } from '../model/scope-level';

/** An ARM ID split into its parts; `format()` writes it back in normalized form. */
export interface ArmId {
  readonly level: ScopeLevel;
  readonly managementGroupId?: string;
  readonly subscriptionId?: string;
  readonly resourceGroupName?: string;
  /** For a resource: the provider sections, outermost first (extension resources add more). */
  readonly providers?: ProviderSection[];
}

export interface ProviderSection {
  readonly namespace: string;
  /** type/name pairs: `vaults/kv` or `virtualNetworks/vnet`, `subnets/app`. */
  readonly path: { type: string; name: string }[];
}

export const ACCEPTED_SCOPE_FORMS = [
  '/ (root)',
  '/providers/Microsoft.Management/managementGroups/<group-id>',
  '/subscriptions/<subscription-guid>',
  '/subscriptions/<subscription-guid>/resourceGroups/<resource-group>',
  '/subscriptions/<subscription-guid>/resourceGroups/<resource-group>/providers/<Namespace>/<type>/<name>[/<child-type>/<child-name>...]',
];

const MANAGEMENT_GROUP_ID = /^[A-Za-z0-9_\-.()]{1,90}$/;
// Resource group names: letters, digits, underscores, hyphens, periods and parentheses, not
// ending in a period, at most 90 characters (Unicode letters and digits are allowed).
const RESOURCE_GROUP_NAME = /^[\p{L}\p{N}_\-.()]{1,90}$/u;
const NAMESPACE = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/;

/** The error for a string that is not an ARM scope: quotes it, says why, lists what is accepted. */
export class InvalidScopeError extends Error {
  constructor(value: string, reason: string) {
    super(
      `Invalid Azure scope ${JSON.stringify(value)}: ${reason}. Accepted forms:\n  ${ACCEPTED_SCOPE_FORMS.join('\n  ')}`,
    );
    this.name = 'InvalidScopeError';
  }
}

function parseProviders(value: string, segments: string[]): ProviderSection[] {
  const sections: ProviderSection[] = [];
  let i = 0;
  while (i < segments.length) {
    if (segments[i].toLowerCase() !== 'providers') {
      throw new InvalidScopeError(value, `expected "providers" but found "${segments[i]}"`);
    }
    const namespace = segments[i + 1];
    if (!namespace || !NAMESPACE.test(namespace)) {
      throw new InvalidScopeError(value, `"${namespace ?? ''}" is not a resource provider namespace (e.g. Microsoft.KeyVault)`);
    }
    i += 2;
    const path: { type: string; name: string }[] = [];
    while (i < segments.length && !(segments[i].toLowerCase() === 'providers' && path.length > 0)) {
      const type = segments[i];
      const name = segments[i + 1];
      if (name === undefined) {
        throw new InvalidScopeError(value, `resource type "${type}" has no resource name after it`);
      }
      path.push({ type, name });
      i += 2;
    }
    if (path.length === 0) {
      throw new InvalidScopeError(value, `provider ${namespace} is not followed by <type>/<name>`);
    }
    sections.push({ namespace, path });
  }
  return sections;
}

/** Parses a literal ARM scope; throws InvalidScopeError for anything else. */
export function parseArmId(value: string): ArmId {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidScopeError(String(value ?? ''), 'the scope is empty');
  }
  const text = value.trim();
  if (text === '/') return { level: ScopeLevel.ROOT };
  if (!text.startsWith('/')) throw new InvalidScopeError(value, 'an ARM ID starts with "/"');
  const segments = text.replace(/\/$/, '').slice(1).split('/');
  const empty = segments.findIndex((s) => s.trim() === '');
  if (empty !== -1) throw new InvalidScopeError(value, `segment ${empty + 1} is empty`);

  const head = segments[0].toLowerCase();
  if (head === 'providers') {
    if (
      segments.length === 4 &&
      segments[1].toLowerCase() === 'microsoft.management' &&
      segments[2].toLowerCase() === 'managementgroups'
    ) {
      if (!MANAGEMENT_GROUP_ID.test(segments[3])) {
        throw new InvalidScopeError(value, `"${segments[3]}" is not a management group ID`);
      }
      return { level: ScopeLevel.MANAGEMENT_GROUP, managementGroupId: segments[3] };
    }
    throw new InvalidScopeError(value, 'only management groups can be addressed at tenant level');
  }
  if (head !== 'subscriptions') {
    throw new InvalidScopeError(value, `"${segments[0]}" is not "subscriptions" or "providers"`);
  }
  const subscriptionId = segments[1];
  if (subscriptionId === undefined || !isGuid(subscriptionId)) {
    throw new InvalidScopeError(value, `"${subscriptionId ?? ''}" is not a subscription ID (a GUID)`);
  }
  const sub = subscriptionId.toLowerCase();
  if (segments.length === 2) return { level: ScopeLevel.SUBSCRIPTION, subscriptionId: sub };

  if (segments[2].toLowerCase() === 'resourcegroups') {
    const name = segments[3];
    if (name === undefined) throw new InvalidScopeError(value, 'the resource group has no name');
    if (!RESOURCE_GROUP_NAME.test(name) || name.endsWith('.')) {
      throw new InvalidScopeError(value, `"${name}" is not a resource group name`);
    }
    if (segments.length === 4) {
      return { level: ScopeLevel.RESOURCE_GROUP, subscriptionId: sub, resourceGroupName: name };
    }
    return {
      level: ScopeLevel.RESOURCE,
      subscriptionId: sub,
      resourceGroupName: name,
      providers: parseProviders(value, segments.slice(4)),
    };
  }
  // A subscription-level resource (no resource group), e.g. a subscription's budget.
  return { level: ScopeLevel.RESOURCE, subscriptionId: sub, providers: parseProviders(value, segments.slice(2)) };
}

/** The normalized text of a parsed ID: canonical keywords, lower-case GUIDs, names as given. */
export function formatArmId(id: ArmId): string {
  switch (id.level) {
    case ScopeLevel.ROOT:
      return '/';
    case ScopeLevel.MANAGEMENT_GROUP:
      return `/providers/Microsoft.Management/managementGroups/${id.managementGroupId}`;
    default:
      break;
  }
  let text = `/subscriptions/${id.subscriptionId}`;
  if (id.resourceGroupName !== undefined) text += `/resourceGroups/${id.resourceGroupName}`;
  for (const section of id.providers ?? []) {
    text += `/providers/${section.namespace}`;
    for (const { type, name } of section.path) text += `/${type}/${name}`;
  }
  return text;
}
