import { DocumentLookup } from './document-lookup';
import { FUNCTION_APPS } from './escalation-effect';
import { PlacedIndex, WithinScope } from './placed-index';
import { Placement, ResourcePlacement } from './resource-placement';
import { text } from '../graph/block-values';
import { GraphIdentity } from '../graph/graph-types';
import { parseReference } from '../reference';
import { TerraformBlock, TerraformDocument } from '../terraform-json';

/** An identity and a resource it runs on (for a user-assigned identity itself: its own resource). */
export interface IdentityAttachment {
  readonly identity: GraphIdentity;
  /** The Terraform address of the resource. */
  readonly address: string;
  readonly type: string;
  /** The resource's `name`, or its address when the name cannot be read. */
  readonly resourceName: string;
  /** For a function app: the storage account its code is kept in. */
  readonly storageAccount?: string;
}

const EMPTY_DOCUMENT: TerraformDocument = {};

/**
 * What lies within a scope of one document: the resources identities are attached to (by
 * type), the user-assigned identities themselves, and function apps by the storage account that
 * holds their code. Each index is built once, when a path first needs it: a document whose roles
 * open no identity path never pays for indexing identities.
 */
export class ScopeContents {
  private readonly placement: ResourcePlacement;
  private attachments?: Map<string, PlacedIndex<IdentityAttachment>>;
  private userAssigned?: PlacedIndex<IdentityAttachment>;
  private functionApps?: PlacedIndex<IdentityAttachment>;
  private readonly located = new Map<string, Placement>();
  private storageAccounts?: Map<string, TerraformBlock>;
  // Without the document, resources cannot be placed in groups; only wide scopes and scopes
  // that name the resource itself then contain them (a graph alone says no more).
  private readonly documentKnown: boolean;

  /**
   * @param documentKey what tells this document from others (file and stack), for comparing addresses
   * @param identities the graph's identities declared in this document
   */
  constructor(
    public readonly documentKey: string,
    file: string,
    document: TerraformDocument | undefined,
    private readonly identities: readonly GraphIdentity[],
  ) {
    this.documentKnown = document !== undefined;
    this.placement = new ResourcePlacement(new DocumentLookup(file, document ?? EMPTY_DOCUMENT), document ?? EMPTY_DOCUMENT);
  }

  /** Where a scope value of this document points (read once per value). */
  public locate(value: string): Placement {
    let found = this.located.get(value);
    if (!found) {
      found = this.placement.locate(value);
      this.located.set(value, found);
    }
    return found;
  }

  /** Identities attached to resources of these types within the scope. */
  public attachmentsWithin(scope: Placement, types: readonly string[]): WithinScope<IdentityAttachment> {
    const byType = this.attachmentsByType();
    // Called for every grant and path: arrays are only made when two types have something here.
    let first: WithinScope<IdentityAttachment> | undefined;
    let more: WithinScope<IdentityAttachment>[] | undefined;
    for (const type of types) {
      const within = byType.get(type)?.within(scope);
      if (!within || (within.placed.length === 0 && within.assumed.length === 0)) continue;
      if (!first) first = within;
      else (more ??= [first]).push(within);
    }
    if (more) return { placed: more.flatMap((w) => w.placed), assumed: more.flatMap((w) => w.assumed) };
    return first ?? { placed: [], assumed: [] };
  }

  /** User-assigned identities whose own resource is within the scope (assign and federate act on it). */
  public userAssignedWithin(scope: Placement): WithinScope<IdentityAttachment> {
    if (!this.userAssigned) {
      this.userAssigned = new PlacedIndex(this.documentKnown);
      for (const identity of this.identities.filter((i) => i.kind === 'user-assigned')) {
        const block = this.placement.index.get(identity.origin.address);
        const own = this.attachmentOf(identity, identity.origin.address, block);
        this.userAssigned.add(own, identity.origin.address, block && this.placement.groupOf(block));
      }
    }
    return this.userAssigned.within(scope);
  }

  /** Identities of function apps whose code is kept in a storage account within the scope. */
  public functionAppsWithin(scope: Placement): WithinScope<IdentityAttachment> {
    if (!this.functionApps) {
      this.functionApps = new PlacedIndex(this.documentKnown);
      for (const type of FUNCTION_APPS) {
        for (const attachment of this.attachmentsByType().get(type)?.items ?? []) this.addFunctionApp(attachment);
      }
    }
    return this.functionApps.within(scope);
  }

  private attachmentsByType(): Map<string, PlacedIndex<IdentityAttachment>> {
    if (!this.attachments) {
      this.attachments = new Map();
      for (const identity of this.identities) {
        for (const address of identity.attachedTo) {
          const block = this.placement.index.get(address);
          const attachment = this.attachmentOf(identity, address, block);
          let index = this.attachments.get(attachment.type);
          if (!index) {
            index = new PlacedIndex(this.documentKnown);
            this.attachments.set(attachment.type, index);
          }
          index.add(attachment, address, block && this.placement.groupOf(block));
        }
      }
    }
    return this.attachments;
  }

  private attachmentOf(identity: GraphIdentity, address: string, block: TerraformBlock | undefined): IdentityAttachment {
    const type = block?.type ?? address.split('.').slice(-2)[0];
    return { identity, address, type, resourceName: text(block?.body, 'name') ?? address };
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

  /** A function app is indexed where its storage account is: writing there rewrites the app. */
  private addFunctionApp(attachment: IdentityAttachment): void {
    const app = this.placement.index.get(attachment.address);
    if (!app) return;
    const written = text(app.body, 'storage_account_name');
    const reference = written === undefined ? undefined : parseReference(written);
    const byReference = reference ? this.placement.index.get(reference.address) : undefined;
    const account = byReference ?? (written === undefined ? undefined : this.storageAccountNamed(written.toLowerCase()));
    const storageAccount = (account && text(account.body, 'name')) ?? written;
    const entry = { ...attachment, ...(storageAccount === undefined ? {} : { storageAccount }) };
    if (account) this.functionApps!.add(entry, account.address, this.placement.groupOf(account));
    else this.functionApps!.add(entry, `${app.address}#storage`, undefined);
  }
}
