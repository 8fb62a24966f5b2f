import { attributeOf, text } from './block-values';
import { armTypeOf } from './coverage';
import { DocumentIndex } from './document-index';
import { GraphPlacement as Placement } from './graph-types';
import { GUID_PATTERN } from '../../model/guid';
import { ScopeLevel } from '../../model/scope-level';
import { holdsArmId, scopeFactsOfDeclared } from '../../model/terraform-types';
import { parseArmId } from '../../scope/arm-id';
import { levelOfPartialId } from '../../scope/partial-id-level';
import { listedScopeLevelOf, parseReference, TerraformReference } from '../reference';
import { TerraformBlock, TerraformDocument } from '../terraform-json';

// A resource group declared as one: azurerm's, or an azapi resource of type Microsoft.Resources/resourceGroups.
const isResourceGroup = (block: TerraformBlock) => block.type === 'azurerm_resource_group'
  || (block.type.startsWith('azapi_') && scopeFactsOfDeclared(block.type, block.isData, block.body)?.level === ScopeLevel.RESOURCE_GROUP);
const GROUP_IN_ID = /\/resourceGroups\/([^/]+)/i;
const LITERAL_GROUP = new RegExp(`^/subscriptions/${GUID_PATTERN}/resourceGroups/([-\\w.()]{1,90})$`, 'i');
const LITERAL_SUBSCRIPTION = new RegExp(`^/subscriptions/${GUID_PATTERN}$`, 'i');
const WHOLE_VARIABLE = /^\$\{var\.([A-Za-z0-9_-]+)\}$/;
// References that name a parent resource, not a place: following them would not find a group.
const NOT_A_PARENT = /(^|_)(principal|tenant|client|object|subscription|application|role_definition)_id$/;

/**
 * Which resource group each resource of one document is in, and where a scope value points.
 * A resource is in a group when its `resource_group_name` (or `resource_group_id`) names it, as a
 * literal, a variable default, or a reference to that group; a resource with neither is where the
 * resource it references by `*_id` is (a registry task is where its registry is).
 */
export class ResourcePlacement {
  private readonly groups = new Map<string, string | undefined>();
  private byGroupAndName?: Map<string, TerraformBlock>;
  // The same references (`${azurerm_resource_group.app.name}`) repeat on every resource of a group.
  private readonly references = new Map<string, TerraformReference | undefined>();
  private readonly names = new Map<string, string | undefined>();
  // Every grant of a group names the same scope: each value is located once.
  private readonly located = new Map<string, Placement>();

  constructor(public readonly index: DocumentIndex, private readonly document: TerraformDocument) {}

  /** The group of a declared resource, lower case; undefined when it cannot be read. */
  public groupOf(block: TerraformBlock): string | undefined {
    const known = this.groups.get(block.address);
    if (known !== undefined || this.groups.has(block.address)) return known;
    this.groups.set(block.address, undefined); // a reference cycle ends here, unplaced
    const group = this.readGroup(block);
    this.groups.set(block.address, group);
    return group;
  }

  /** A declared resource as a placement. */
  public placementOf(block: TerraformBlock): Placement {
    if (isResourceGroup(block)) return { level: ScopeLevel.RESOURCE_GROUP, group: this.nameOf(block) };
    const armType = block.type === 'azapi_resource' ? armTypeOf(block.body) : undefined;
    return {
      level: ScopeLevel.RESOURCE,
      address: block.address,
      group: this.groupOf(block),
      name: this.nameOf(block),
      terraformType: block.type,
      ...(armType === undefined ? {} : { armType }),
    };
  }

  /** Where a scope value (a literal ID, a reference, or an ID built from both) points. */
  public locate(value: string): Placement {
    let found = this.located.get(value);
    if (!found) {
      found = this.readPlacement(value);
      this.located.set(value, found);
    }
    return found;
  }

  private readPlacement(value: string): Placement {
    if (!value.includes('${')) return this.locateLiteral(value);
    // One of the resources a data source lists: not the data source's block, nor where its filter points.
    const listed = listedScopeLevelOf(value);
    if (listed !== undefined) return { level: listed };
    const reference = this.referenceIn(value);
    if (reference) {
      // The same table as Scope.of: only the attribute that holds the ARM ID, whole, is a scope.
      const block = this.index.get(reference.address);
      const facts = scopeFactsOfDeclared(reference.type, reference.isData, block?.body);
      if (!facts || !holdsArmId(facts, reference.attribute)) return { level: ScopeLevel.UNKNOWN };
      // A block with a group's ID that is no group itself (an Event Grid partner configuration) is in the group it names.
      if (facts.level === ScopeLevel.RESOURCE_GROUP) {
        return { level: facts.level, group: block && (isResourceGroup(block) ? this.nameOf(block) : this.groupOf(block)) };
      }
      if (facts.level !== ScopeLevel.RESOURCE) return { level: facts.level };
      return block ? this.placementOf(block) : { level: ScopeLevel.RESOURCE, address: reference.address, terraformType: reference.type };
    }
    return this.locatePartial(value);
  }

  /** A declared resource by its group and name (how a literal resource ID finds its block). */
  public findResource(group: string | undefined, name: string | undefined): TerraformBlock | undefined {
    if (group === undefined || name === undefined) return undefined;
    if (!this.byGroupAndName) {
      this.byGroupAndName = new Map();
      for (const block of this.index.blocks) {
        const key = `${this.groupOf(block)}/${this.nameOf(block)}`;
        if (!this.byGroupAndName.has(key)) this.byGroupAndName.set(key, block);
      }
    }
    return this.byGroupAndName.get(`${group}/${name}`);
  }

  /** A literal or a variable's literal default, lower case; or what a reference to another block's attribute gives. */
  public resolveName(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    // Every resource of a group names it the same way: each value is read once.
    const known = this.names.get(value);
    if (known !== undefined || this.names.has(value)) return known;
    this.names.set(value, undefined); // a reference cycle ends here, unread
    const name = this.readName(value);
    this.names.set(value, name);
    return name;
  }

  public nameOf(block: TerraformBlock): string | undefined {
    return this.resolveName(text(block.body, 'name'));
  }

  private readName(value: string): string | undefined {
    if (!value.includes('${')) return value.toLowerCase();
    const variable = WHOLE_VARIABLE.exec(value);
    if (variable) return this.variableDefault(variable[1]);
    const reference = this.referenceIn(value);
    const target = reference && this.index.get(reference.address);
    if (!reference || !target) return undefined;
    if (reference.attribute === 'name') return this.nameOf(target);
    if (reference.attribute === 'resource_group_name') return this.groupOf(target);
    return undefined;
  }

  private referenceIn(value: string): TerraformReference | undefined {
    if (this.references.has(value)) return this.references.get(value);
    const reference = parseReference(value);
    this.references.set(value, reference);
    return reference;
  }

  private readGroup(block: TerraformBlock): string | undefined {
    if (isResourceGroup(block)) return this.nameOf(block);
    const byName = text(block.body, 'resource_group_name');
    if (byName !== undefined) return this.resolveName(byName);
    const byId = text(block.body, 'resource_group_id');
    if (byId !== undefined) return this.locate(byId).group;
    for (const [attribute, value] of Object.entries(block.body)) {
      if (!attribute.endsWith('_id') || NOT_A_PARENT.test(attribute) || typeof value !== 'string') continue;
      const reference = this.referenceIn(value);
      const parent = reference?.attribute === 'id' ? this.index.get(reference.address) : undefined;
      if (parent) return this.groupOf(parent);
      if (!value.includes('${')) {
        const group = GROUP_IN_ID.exec(value)?.[1];
        if (group) return group.toLowerCase();
      }
    }
    return undefined;
  }

  private locateLiteral(value: string): Placement {
    // Group and subscription IDs are most scopes; they need no full parse (and read the same with one).
    const group = LITERAL_GROUP.exec(value);
    if (group) return { level: ScopeLevel.RESOURCE_GROUP, group: group[1].toLowerCase() };
    if (LITERAL_SUBSCRIPTION.test(value)) return { level: ScopeLevel.SUBSCRIPTION };
    try {
      const id = parseArmId(value);
      const inGroup = id.resourceGroupName?.toLowerCase();
      if (id.level !== ScopeLevel.RESOURCE) return { level: id.level, group: inGroup };
      const sections = id.providers ?? [];
      const last = sections[sections.length - 1]?.path;
      const name = last?.[last.length - 1]?.name.toLowerCase();
      const section = sections[sections.length - 1];
      const armType = section && [section.namespace, ...section.path.map((p) => p.type)].join('/').toLowerCase();
      return { level: id.level, group: inGroup, name, address: this.findResource(inGroup, name)?.address, ...(armType ? { armType } : {}) };
    } catch {
      return { level: ScopeLevel.UNKNOWN };
    }
  }

  private locatePartial(value: string): Placement {
    const level = levelOfPartialId(value);
    if (level !== ScopeLevel.RESOURCE && level !== ScopeLevel.RESOURCE_GROUP) return { level };
    // References to names (a group's, a variable's default) are read, so the group can be compared.
    const shape = value.replace(/\$\{[^}]*\}/g, (inner) => this.groupIdOf(inner) ?? this.resolveName(inner) ?? '\u0000');
    const group = GROUP_IN_ID.exec(shape)?.[1];
    const readable = group !== undefined && !group.includes('\u0000') ? group.toLowerCase() : undefined;
    if (level === ScopeLevel.RESOURCE) {
      const last = shape.split('/').pop();
      const name = last && !last.includes('\u0000') ? last.toLowerCase() : undefined;
      return { level: ScopeLevel.RESOURCE, group: readable, name, address: this.findResource(readable, name)?.address };
    }
    return { level, group: readable };
  }

  /** `${azurerm_resource_group.app.id}` inside a longer ID stands for the group's own ID. */
  private groupIdOf(inner: string): string | undefined {
    const reference = this.referenceIn(inner);
    const block = reference?.attribute === 'id' ? this.index.get(reference.address) : undefined;
    const name = block && isResourceGroup(block) ? this.nameOf(block) : undefined;
    return name === undefined ? undefined : `/subscriptions/\u0000/resourceGroups/${name}`;
  }

  private variableDefault(name: string): string | undefined {
    const variables = this.document.variable;
    const entries = Array.isArray(variables) ? variables : [variables];
    for (const entry of entries) {
      // `${var.constructor}`: the variable's name is input, so only own keys count.
      const declared = attributeOf(asRecord(entry), name);
      const value = attributeOf(asRecord(Array.isArray(declared) ? declared[0] : declared), 'default');
      if (typeof value === 'string' && !value.includes('${')) return value.toLowerCase();
    }
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}
