import { text } from './block-values';
import { GraphResource, GraphStorageAccount, Origin } from './graph-types';
import { ResourcePlacement } from './resource-placement';
import { parseReference } from '../reference';
import { TerraformBlock } from '../terraform-json';

/**
 * The resources of one document as the graph keeps them, each read once. Only the resources
 * identities run on, and the identities themselves, are asked for: the rest of a large plan is
 * never placed.
 */
export class PlacedResources {
  private readonly resources = new Map<string, GraphResource>();
  // Storage accounts by their name, for a resource that names its account by a literal.
  private storageAccounts?: Map<string, TerraformBlock>;

  constructor(private readonly placement: ResourcePlacement, private readonly originOf?: (block: TerraformBlock) => Origin) {}

  public of(block: TerraformBlock): GraphResource {
    let resource = this.resources.get(block.address);
    if (!resource) {
      resource = this.read(block);
      this.resources.set(block.address, resource);
    }
    return resource;
  }

  private read(block: TerraformBlock): GraphResource {
    const group = this.placement.groupOf(block);
    const storageAccount = this.storageAccountOf(block);
    const origin = this.originOf?.(block);
    // Field by field, in this order, without spreads: one per identity and per resource one runs on.
    const resource: { -readonly [K in keyof GraphResource]: GraphResource[K] } = { address: block.address } as GraphResource;
    if (origin !== undefined) resource.origin = origin;
    resource.type = block.type;
    resource.name = text(block.body, 'name') ?? block.address;
    if (group !== undefined) resource.group = group;
    if (storageAccount !== undefined) resource.storageAccount = storageAccount;
    return resource;
  }

  /** By reference, or by a literal name of an account declared here; else only as written. */
  private storageAccountOf(block: TerraformBlock): GraphStorageAccount | undefined {
    const written = text(block.body, 'storage_account_name');
    if (written === undefined) return undefined;
    const reference = parseReference(written);
    const account = (reference ? this.placement.index.get(reference.address) : undefined) ?? this.storageAccountNamed(written.toLowerCase());
    if (!account) return { name: written };
    const group = this.placement.groupOf(account);
    return { name: text(account.body, 'name') ?? written, address: account.address, ...(group === undefined ? {} : { group }) };
  }

  private storageAccountNamed(name: string): TerraformBlock | undefined {
    if (!this.storageAccounts) {
      this.storageAccounts = new Map();
      for (const block of this.placement.index.ofType('azurerm_storage_account')) {
        const own = this.placement.nameOf(block);
        if (own !== undefined && !this.storageAccounts.has(own)) this.storageAccounts.set(own, block);
      }
    }
    return this.storageAccounts.get(name);
  }
}
