import type { ITerraformResource, TerraformElement } from 'cdktf';
import type { IConstruct } from 'constructs';
import { ArmId, formatArmId, InvalidScopeError, parseArmId } from './arm-id';
import { levelOfPartialId } from './partial-id-level';
import { isGuid } from '../model/guid';
import { ScopeLevel, scopeLevelRank } from '../model/scope-level';
import { scopeFactsOf, whyNotAScope } from '../model/terraform-types';
import { cdktf, isUnresolved } from '../private/cdktf-runtime';


interface ScopeParts {
  readonly id: string;
  readonly level: ScopeLevel;
  readonly parsed?: ArmId;
  readonly terraformType?: string;
  readonly sourceConstruct?: IConstruct;
  readonly subscriptionId?: string;
  readonly resourceGroupName?: string;
}

/**
 * Where a role applies: an ARM scope, from a literal ID or from a resource in the stack.
 * Literal IDs are parsed, validated and normalized; a token is kept as it is, with the level
 * inferred from what stands behind it, or UNKNOWN (treated as the widest) when nothing does.
 */
export class Scope {
  /** `/`: every management group, subscription and resource of the tenant. */
  public static root(): Scope {
    return Scope.fromId('/');
  }

  /** `/providers/Microsoft.Management/managementGroups/<id>`. */
  public static managementGroup(managementGroupId: string): Scope {
    if (isUnresolved(managementGroupId)) {
      return new Scope({
        id: `/providers/Microsoft.Management/managementGroups/${managementGroupId}`,
        level: ScopeLevel.MANAGEMENT_GROUP,
      });
    }
    return Scope.fromId(`/providers/Microsoft.Management/managementGroups/${managementGroupId}`);
  }

  /** The subscription `/subscriptions/<id>`, where the ID may be a token (e.g. `data.azurerm_client_config.subscription_id`). */
  public static subscription(subscriptionId: string): Scope {
    if (isUnresolved(subscriptionId)) {
      return new Scope({ id: `/subscriptions/${subscriptionId}`, level: ScopeLevel.SUBSCRIPTION, subscriptionId });
    }
    return Scope.fromId(`/subscriptions/${subscriptionId}`);
  }

  /** The resource group `/subscriptions/<id>/resourceGroups/<name>`, where either part may be a token. */
  public static resourceGroup(subscriptionId: string, resourceGroupName: string): Scope {
    const id = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}`;
    if (isUnresolved(subscriptionId) || isUnresolved(resourceGroupName)) {
      if (!isUnresolved(subscriptionId) && !isGuid(subscriptionId)) {
        throw new InvalidScopeError(id, `"${subscriptionId}" is not a subscription ID (a GUID)`);
      }
      return new Scope({ id, level: ScopeLevel.RESOURCE_GROUP, subscriptionId, resourceGroupName });
    }
    return Scope.fromId(id);
  }

  /**
   * A scope from its ARM ID. A literal ID is validated and normalized (`resourcegroups` becomes
   * `resourceGroups`, GUIDs lower case); a malformed one throws an error that quotes it and lists
   * the accepted forms. A token is kept: its level is read from literal text around it
   * (`${rg.id}/providers/Microsoft.KeyVault/vaults/kv` is a resource), or is UNKNOWN.
   */
  public static fromId(id: string): Scope {
    if (isUnresolved(id)) {
      return new Scope({ id, level: levelOfPartialId(id) });
    }
    const parsed = parseArmId(id);
    return new Scope({
      id: formatArmId(parsed),
      level: parsed.level,
      parsed,
      subscriptionId: parsed.subscriptionId,
      resourceGroupName: parsed.resourceGroupName,
    });
  }

  /**
   * The scope of a resource or data source of this stack: its ARM ID, with the level read from
   * its Terraform type. `azurerm_resource_group` is a resource group, `azurerm_subscription`
   * a subscription, `azurerm_management_group` a management group, any other azurerm type a
   * resource. The ARM ID is `id` for most types; for types whose `id` is a data-plane URL
   * (Key Vault secrets, keys and certificates; storage queues, shares and tables) it is the
   * attribute that holds the ARM ID (`resource_versionless_id`, `resource_manager_id`, ...).
   */
  public static of(resource: ITerraformResource): Scope {
    const type = (resource as Partial<ITerraformResource> | undefined)?.terraformResourceType;
    if (typeof type !== 'string') {
      // From JavaScript anything can arrive here: a variable, a local, a plain string.
      const what = resource === null || typeof resource !== 'object' ? JSON.stringify(resource) ?? String(resource) : `a ${resource.constructor?.name ?? 'object'}`;
      throw new Error(
        `Scope.of(${constructPathOf(resource)}): expected an azurerm resource or data source, got ${what}. ` +
          'For an ID held in a variable or a string, use Scope.fromId(value).',
      );
    }
    const isDataSource = resource instanceof cdktf().TerraformDataSource;
    const facts = scopeFactsOf(type, isDataSource, (argument) => argumentsOf(resource).has(argument));
    if (facts === undefined) {
      throw new Error(
        `Scope.of(${constructPathOf(resource)}): ${isDataSource ? 'data source' : 'resource'} ${type} is not an Azure Resource Manager scope: it ${whyNotAScope(type)}. ` +
          'Pass an azurerm resource or data source (a resource group, subscription, management group or any resource), or use Scope.fromId(). ' +
          'A role assignment at such a scope fails at apply.',
      );
    }
    const armId = cdktf().Token.asString(resource.interpolationForAttribute(facts.armIdAttribute));
    const id = `${facts.armIdPrefix ?? ''}${armId}`;
    return new Scope({ id, level: facts.level, terraformType: type, sourceConstruct: resource as unknown as IConstruct });
  }

  /** The ordering of levels: RESOURCE 0, RESOURCE_GROUP 1, ... ROOT 4, UNKNOWN 5 (widest). */
  public static levelRank(level: ScopeLevel): number {
    return scopeLevelRank(level);
  }

  /** The scope's ID: normalized text for a literal scope, or a token. */
  public readonly id: string;
  /** How much of Azure the scope covers: the rules judge a grant by it. */
  public readonly level: ScopeLevel;
  /** The Terraform type the scope came from, when it came from `Scope.of()`. */
  public readonly terraformType?: string;
  /** The resource or data source the scope came from, when it came from `Scope.of()`. */
  public readonly sourceConstruct?: IConstruct;
  /** The subscription, when the scope names one (possibly a token). */
  public readonly subscriptionId?: string;
  /** The resource group, when the scope names one (possibly a token). */
  public readonly resourceGroupName?: string;
  private readonly parsed?: ArmId;

  private constructor(parts: ScopeParts) {
    this.id = parts.id;
    this.level = parts.level;
    this.parsed = parts.parsed;
    this.terraformType = parts.terraformType;
    this.sourceConstruct = parts.sourceConstruct;
    this.subscriptionId = parts.subscriptionId;
    this.resourceGroupName = parts.resourceGroupName;
  }

  /** True when the ID is plain text, known at synth. */
  public get isLiteral(): boolean {
    return this.parsed !== undefined;
  }

  /** For a literal management-group scope, its ID. */
  public get managementGroupId(): string | undefined {
    return this.parsed?.managementGroupId;
  }

  /** For a literal resource scope, its full type, e.g. `Microsoft.KeyVault/vaults`. */
  public get resourceType(): string | undefined {
    const last = this.parsed?.providers?.[this.parsed.providers.length - 1];
    return last ? [last.namespace, ...last.path.map((p) => p.type)].join('/') : undefined;
  }

  /** For a literal resource scope, the resource's own name (the last segment). */
  public get resourceName(): string | undefined {
    const last = this.parsed?.providers?.[this.parsed.providers.length - 1];
    return last?.path[last.path.length - 1].name;
  }

  /** True when this scope's level is wider than the other's (UNKNOWN is wider than everything). */
  public isWiderThan(other: Scope): boolean {
    return scopeLevelRank(this.level) > scopeLevelRank(other.level);
  }

  /** Same scope, compared as ARM compares IDs: ignoring case. */
  public isSameScope(other: Scope): boolean {
    return this.id.toLowerCase() === other.id.toLowerCase();
  }

  /**
   * Whether `other` lies within this scope (a scope contains itself). Defined for literal
   * scopes only. Membership of a subscription in a management group is not in an ID, so a
   * management group is known to contain only itself.
   */
  public contains(other: Scope): boolean {
    if (!this.isLiteral || !other.isLiteral) {
      throw new Error(
        `Scope.contains() needs two literal scopes; got "${this.id}" and "${other.id}". A token scope is only known at apply time.`,
      );
    }
    if (this.level === ScopeLevel.ROOT) return true;
    const outer = this.id.toLowerCase();
    const inner = other.id.toLowerCase();
    return inner === outer || inner.startsWith(`${outer}/`);
  }

  /** The scope's ID, as messages show it. */
  public toString(): string {
    return this.id;
  }
}

/** The construct path of a resource, for error messages (its `fqn` is a token until synth). */
function constructPathOf(resource: unknown): string {
  const node = (resource as Partial<IConstruct> | undefined)?.node;
  return node ? node.path : String((resource as Partial<ITerraformResource> | undefined)?.terraformResourceType ?? resource);
}

/** The arguments a resource or data source is declared with (snake_case, as in its JSON). */
function argumentsOf(resource: ITerraformResource): Set<string> {
  const json = (resource as unknown as TerraformElement).toTerraform() as Record<string, Record<string, Record<string, object>>>;
  const byType = json.resource ?? json.data ?? {};
  const body = Object.values(Object.values(byType)[0] ?? {})[0] ?? {};
  // cdktf lists every argument, unset ones as undefined.
  return new Set(Object.entries(body).filter(([, value]) => value !== undefined).map(([name]) => name));
}
