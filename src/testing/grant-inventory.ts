import type { TerraformStack } from 'cdktf';
import { GrantKind } from './grant-kind';
import { ExpectedGrant, GrantRecord } from './grant-record';
import { IPrincipal } from '../model/principal';
import { principalTypeOf } from '../model/principal-kind';
import { ScopeLevel, scopeLevelRank } from '../model/scope-level';
import { cdktf, isUnresolved } from '../private/cdktf-runtime';
import { AccessGraph } from '../review/graph/access-graph';
import { GraphEligibility, GraphGrant, GraphPrincipal } from '../review/graph/graph-types';
import { parseReference } from '../review/reference';
import { TerraformDocument } from '../review/terraform-json';
import { EntraRoleCatalog } from '../roles/entra-role-catalog';
import { Role } from '../roles/role';
import { Scope } from '../scope/scope';

/**
 * Every grant and eligibility of a synthesized stack, with assertions for your own tests: "no
 * grant is wider than a resource group", "this identity holds exactly these roles at these
 * scopes". A view of the same AccessGraph the guard and `azure-access` judge, so it lists what
 * they see: standing role assignments, active and eligible PIM assignments, Entra directory role
 * eligibility and PIM for Groups eligibility. Reads the stack through `toTerraform()`, which stays
 * linear in the number of resources (cdktf's `Testing.synth` does not).
 */
export class GrantInventory {
  /** The grants of a stack of this app. */
  public static fromStack(stack: TerraformStack): GrantInventory {
    return new GrantInventory(recordsOf(stack.node.path, stack.toTerraform() as TerraformDocument), stack);
  }

  /** The grants of a synthesized Terraform JSON document (text or parsed). */
  public static fromJson(json: any): GrantInventory {
    const document = typeof json === 'string' ? JSON.parse(json) : json;
    if (typeof document !== 'object' || document === null || Array.isArray(document)) {
      throw new Error('GrantInventory.fromJson: expected a Terraform JSON object ({ "resource": { ... } }).');
    }
    return new GrantInventory(recordsOf('input', document as TerraformDocument));
  }

  /** Every grant and eligibility, standing grants first, each kind in document order. */
  public readonly grants: GrantRecord[];

  private constructor(grants: GrantRecord[], private readonly stack?: TerraformStack) {
    this.grants = grants;
  }

  /** The same inventory, narrowed to some kinds (e.g. only standing role assignments). */
  public ofKinds(...kinds: GrantKind[]): GrantInventory {
    if (kinds.length === 0) throw new Error('GrantInventory.ofKinds: name at least one GrantKind.');
    return new GrantInventory(this.grants.filter((g) => kinds.includes(g.kind)), this.stack);
  }

  /**
   * What a token (a principal ID, a scope ID) becomes in this stack's JSON.
   *
   * Literal values are returned as they are.
   */
  public resolve(value: string): string {
    if (!isUnresolved(value)) return value;
    if (!this.stack) throw new Error('GrantInventory.resolve: tokens can only be resolved for an inventory made with fromStack().');
    const { Tokenization, DefaultTokenResolver, StringConcat } = cdktf();
    return Tokenization.resolve(value, {
      scope: this.stack,
      preparing: false,
      resolver: new DefaultTokenResolver(new StringConcat()),
    }) as string;
  }

  /** The grants whose principal is `principal`. */
  public grantsOf(principal: IPrincipal): GrantRecord[] {
    const id = this.resolve(principal.principalId).toLowerCase();
    return this.grants.filter((g) => g.principalId.toLowerCase() === id);
  }

  /** The grants whose scope is `scope`. */
  public grantsAt(scope: Scope): GrantRecord[] {
    const id = this.resolve(scope.id).toLowerCase();
    return this.grants.filter((g) => g.scope.toLowerCase() === id);
  }

  /** Throws, listing the offenders, when any grant's scope is wider than `level` (UNKNOWN always is). */
  public assertAllScopesAtMost(level: ScopeLevel): void {
    if (level === ScopeLevel.UNKNOWN) {
      throw new Error('assertAllScopesAtMost: UNKNOWN is no limit; name the widest level you accept (ScopeLevel.ROOT at most).');
    }
    const wider = this.grants.filter((g) => scopeLevelRank(g.scopeLevel) > scopeLevelRank(level));
    if (wider.length > 0) {
      throw new Error(
        `${wider.length} grant(s) wider than ${level}:\n${wider.map((g) => `  ${describe(g)}`).join('\n')}`,
      );
    }
  }

  /**
   * Throws unless `principal` holds exactly these roles at these scopes, over every kind in this
   * inventory (narrow it with `ofKinds` first to check one kind): nothing missing, nothing more.
   * A scope may be given as a `Scope` (tokens resolved) through `expectedGrant()`.
   */
  public assertHoldsExactly(principal: IPrincipal, expected: ExpectedGrant[]): void {
    const key = (roleName: string, scope: string) => `${roleName.toLowerCase()} @ ${scope.toLowerCase()}`;
    const actual = this.grantsOf(principal).map((g) => key(g.roleName, g.scope));
    const wanted = expected.map((e) => key(e.roleName, e.scope));
    const missing = wanted.filter((w) => !actual.includes(w));
    const extra = actual.filter((a) => !wanted.includes(a));
    if (missing.length || extra.length) {
      throw new Error(
        `${principal.displayName} does not hold exactly the expected grants.` +
          (missing.length ? `\n  missing:\n    ${missing.join('\n    ')}` : '') +
          (extra.length ? `\n  not expected:\n    ${extra.join('\n    ')}` : ''),
      );
    }
  }

  /** An expected grant of `role` at `scope`, with the scope's tokens resolved in this stack. */
  public expectedGrant(role: Role, scope: Scope): ExpectedGrant {
    return { roleName: role.name, scope: this.resolve(scope.id) };
  }
}

function describe(g: GrantRecord): string {
  return `${g.address}: ${g.roleName} for ${g.principalName} at ${g.scopeLevel} ${g.scope} (${g.kind})`;
}

function principalFields(principal: GraphPrincipal) {
  return {
    principalId: principal.written ?? principal.key,
    principalName: principal.name,
    principalType: principal.kind === 'unknown' ? 'unknown' : principalTypeOf(principal.kind),
  };
}

function originFields(g: { origin: GraphGrant['origin'] }) {
  return { address: g.origin.address, ...(g.origin.constructPath !== undefined ? { constructPath: g.origin.constructPath } : {}) };
}

function grantRecord(g: GraphGrant): GrantRecord {
  return {
    kind: g.via === 'pim-active' ? GrantKind.ACTIVE_ASSIGNMENT : GrantKind.ROLE_ASSIGNMENT,
    ...originFields(g),
    ...principalFields(g.principal),
    roleName: g.role.name,
    ...(g.role.role ? { plane: g.role.role.plane } : {}),
    scope: g.scope.value,
    scopeLevel: g.scope.level,
    ...(g.expiry !== undefined ? { expiry: g.expiry } : {}),
  };
}

function expiryOf(e: GraphEligibility): string | undefined {
  return e.expiry.permanent ? undefined : (e.expiry.duration?.toIsoString() ?? e.expiry.endDateTime);
}

function eligibilityRecord(e: GraphEligibility, groupLevel: (groupId: string) => ScopeLevel): GrantRecord {
  const common = { ...originFields(e), ...principalFields(e.principal), ...(expiryOf(e) !== undefined ? { expiry: expiryOf(e) } : {}) };
  switch (e.kind) {
    case 'azure-rbac':
      return {
        kind: GrantKind.ELIGIBLE_ASSIGNMENT,
        ...common,
        roleName: e.role!.name,
        ...(e.role!.role ? { plane: e.role!.role.plane } : {}),
        scope: e.scope!.value,
        scopeLevel: e.scope!.level,
      };
    case 'entra-directory-role': {
      const written = e.directoryRole ?? '';
      const role = EntraRoleCatalog.builtIn().tryFromTemplateId(written);
      return {
        kind: GrantKind.DIRECTORY_ROLE_ELIGIBILITY,
        ...common,
        roleName: role?.name ?? `unknown role ${written}`,
        scope: e.scope?.value ?? '/',
        scopeLevel: e.scope?.level ?? ScopeLevel.UNKNOWN,
      };
    }
    default: {
      const group = e.groupId ?? '';
      return {
        kind: GrantKind.GROUP_ELIGIBILITY,
        ...common,
        roleName: `${e.assignmentType ?? 'member'} of ${group}`,
        scope: group,
        scopeLevel: groupLevel(group),
      };
    }
  }
}

/** The widest scope a group holds in the graph, found by the `group_id` value written for it. */
function groupLevels(graph: AccessGraph): (groupId: string) => ScopeLevel {
  const widest = new Map<string, ScopeLevel>();
  const held = [
    ...graph.grants.map((g) => ({ principal: g.principal, level: g.scope.level })),
    ...graph.eligibilities.filter((e) => e.scope !== undefined).map((e) => ({ principal: e.principal, level: e.scope!.level })),
  ];
  for (const { principal, level } of held) {
    // `${azuread_group.g.object_id}` and `${azuread_group.g.id}` name the same group.
    const keys = [principal.written, principal.definedBy].filter((k): k is string => k !== undefined).map((k) => k.toLowerCase());
    for (const key of keys) {
      const known = widest.get(key);
      if (known === undefined || scopeLevelRank(level) > scopeLevelRank(known)) widest.set(key, level);
    }
  }
  return (groupId) => {
    const reference = parseReference(groupId);
    const address = reference && ['object_id', 'id'].includes(reference.attribute) ? reference.address : undefined;
    return widest.get(groupId.toLowerCase()) ?? (address !== undefined ? widest.get(address.toLowerCase()) : undefined) ?? ScopeLevel.UNKNOWN;
  };
}

function recordsOf(file: string, document: TerraformDocument): GrantRecord[] {
  const graph = AccessGraph.fromDocuments([{ file, document }]);
  const groupLevel = groupLevels(graph);
  return [...graph.grants.map(grantRecord), ...graph.eligibilities.map((e) => eligibilityRecord(e, groupLevel))];
}
