import type { TerraformStack } from 'cdktf';
import { ExpectedGrant, GrantRecord } from './grant-record';
import { roleGuidAtEndOf } from '../model/guid';
import { IPrincipal } from '../model/principal';
import { ScopeLevel, scopeLevelRank } from '../model/scope-level';
import { cdktf, isUnresolved } from '../private/cdktf-runtime';
import { parseReference, scopeLevelOfValue } from '../review/reference';
import { blocksOf, stringAttribute, TerraformBlock, TerraformDocument } from '../review/terraform-json';
import { Role } from '../roles/role';
import { RoleCatalog } from '../roles/role-catalog';
import { Scope } from '../scope/scope';

/**
 * Every standing grant (`azurerm_role_assignment`) of a synthesized stack, with assertions for
 * your own tests: "no grant is wider than a resource group", "this identity holds exactly these
 * roles at these scopes". Reads the stack through `toTerraform()`, which stays linear in the
 * number of resources (cdktf's `Testing.synth` does not).
 */
export class GrantInventory {
  /** The grants of a stack of this app. */
  public static fromStack(stack: TerraformStack): GrantInventory {
    return new GrantInventory(stack.toTerraform() as TerraformDocument, stack);
  }

  /** The grants of a synthesized Terraform JSON document (text or parsed). */
  public static fromJson(json: any): GrantInventory {
    const document = typeof json === 'string' ? JSON.parse(json) : json;
    if (typeof document !== 'object' || document === null || Array.isArray(document)) {
      throw new Error('GrantInventory.fromJson: expected a Terraform JSON object ({ "resource": { ... } }).');
    }
    return new GrantInventory(document as TerraformDocument);
  }

  /** Every grant, in document order. */
  public readonly grants: GrantRecord[];

  private constructor(document: TerraformDocument, private readonly stack?: TerraformStack) {
    const blocks = blocksOf(document);
    const byAddress = new Map(blocks.map((b) => [b.address, b]));
    this.grants = blocks.filter((b) => b.type === 'azurerm_role_assignment').map((b) => recordOf(b, byAddress));
  }

  /**
   * What a token (a principal ID, a scope ID) becomes in this stack's JSON; literal values are
   * returned as they are.
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
    const id = this.resolve(principal.principalId);
    return this.grants.filter((g) => g.principalId === id);
  }

  /** The grants whose scope is `scope`. */
  public grantsAt(scope: Scope): GrantRecord[] {
    const id = this.resolve(scope.id).toLowerCase();
    return this.grants.filter((g) => g.scope.toLowerCase() === id);
  }

  /** Throws, listing the offenders, when any grant's scope is wider than `level` (UNKNOWN always is). */
  public assertAllScopesAtMost(level: ScopeLevel): void {
    const wider = this.grants.filter((g) => scopeLevelRank(g.scopeLevel) > scopeLevelRank(level));
    if (wider.length > 0) {
      throw new Error(
        `${wider.length} grant(s) wider than ${level}:\n${wider.map((g) => `  ${describe(g)}`).join('\n')}`,
      );
    }
  }

  /**
   * Throws unless `principal` holds exactly these roles at these scopes: nothing missing,
   * nothing more. A scope may be given as a `Scope` (tokens resolved) through `expectedGrant()`.
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
  return `${g.address}: ${g.roleName} for ${g.principalName} at ${g.scopeLevel} ${g.scope}`;
}

function roleOf(block: TerraformBlock): Role | undefined {
  const catalog = RoleCatalog.builtIn();
  const name = stringAttribute(block, 'role_definition_name');
  if (name !== undefined) return catalog.tryFromName(name);
  const id = stringAttribute(block, 'role_definition_id') ?? '';
  const guid = roleGuidAtEndOf(id);
  return guid ? catalog.tryFromId(guid) : undefined;
}

function principalNameOf(principalId: string, byAddress: Map<string, TerraformBlock>): string {
  const reference = parseReference(principalId);
  const target = reference && byAddress.get(reference.address);
  if (!reference || !target) return principalId;
  const name =
    stringAttribute(target, 'name') ?? stringAttribute(target, 'display_name') ?? stringAttribute(target, 'user_principal_name') ?? reference.address;
  return reference.attribute.startsWith('identity') ? `${name} (system-assigned)` : name;
}

function recordOf(block: TerraformBlock, byAddress: Map<string, TerraformBlock>): GrantRecord {
  const role = roleOf(block);
  const principalId = stringAttribute(block, 'principal_id') ?? '';
  const scope = stringAttribute(block, 'scope') ?? '';
  const metadata = (block.body['//'] as { metadata?: { path?: string } } | undefined)?.metadata;
  return {
    address: block.address,
    constructPath: metadata?.path,
    principalId,
    principalName: principalNameOf(principalId, byAddress),
    principalType: stringAttribute(block, 'principal_type') ?? 'unknown',
    roleName: role?.name ?? `unknown role ${stringAttribute(block, 'role_definition_id') ?? stringAttribute(block, 'role_definition_name')}`,
    plane: role?.plane,
    scope,
    scopeLevel: scopeLevelOfValue(scope),
  };
}
