import { FUNCTION_APPS } from './escalation-effect';
import { PlacedIndex, WithinScope } from './placed-index';
import { GraphIdentity, GraphPlacement, GraphResource } from '../graph/graph-types';

/** An identity and a resource it runs on (for a user-assigned identity itself: its own resource). */
export interface IdentityAttachment {
  readonly identity: GraphIdentity;
  readonly resource: GraphResource;
}

/**
 * What lies within a scope of one document: the resources identities are attached to (by
 * type), the user-assigned identities themselves, and function apps by the storage account that
 * holds their code, all read from where the graph placed them. Each index is built once, when a
 * path first needs it: a document whose roles open no identity path never pays for indexing identities.
 */
export class ScopeContents {
  private attachments?: Map<string, PlacedIndex<IdentityAttachment>>;
  private userAssigned?: PlacedIndex<IdentityAttachment>;
  private functionApps?: PlacedIndex<IdentityAttachment>;

  /**
   * @param documentKey what tells this document from others (file and stack), for comparing addresses
   * @param identities the graph's identities declared in this document
   */
  /**
   * @param localAccountsOff the addresses of the document's AKS clusters whose local accounts are off (an admin credential reaches nothing there)
   */
  constructor(public readonly documentKey: string, private readonly identities: readonly GraphIdentity[],
    public readonly localAccountsOff: ReadonlySet<string> = new Set()) {}

  /** Identities attached to resources of these types within the scope. */
  public attachmentsWithin(scope: GraphPlacement, types: readonly string[]): WithinScope<IdentityAttachment> {
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
  public userAssignedWithin(scope: GraphPlacement): WithinScope<IdentityAttachment> {
    if (!this.userAssigned) {
      this.userAssigned = new PlacedIndex();
      for (const identity of this.identities.filter((i) => i.kind === 'user-assigned')) {
        this.userAssigned.add({ identity, resource: identity.resource }, identity.resource.address, identity.resource.group);
      }
    }
    return this.userAssigned.within(scope);
  }

  /** Identities of function apps whose code is kept in a storage account within the scope. */
  public functionAppsWithin(scope: GraphPlacement): WithinScope<IdentityAttachment> {
    if (!this.functionApps) {
      this.functionApps = new PlacedIndex();
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
        for (const resource of identity.attachedTo) {
          let index = this.attachments.get(resource.type);
          if (!index) {
            index = new PlacedIndex();
            this.attachments.set(resource.type, index);
          }
          index.add({ identity, resource }, resource.address, resource.group);
        }
      }
    }
    return this.attachments;
  }

  /**
   * A function app is indexed where its storage account is: writing there rewrites the app. An
   * account that is not declared here may be in any group.
   */
  private addFunctionApp(attachment: IdentityAttachment): void {
    const account = attachment.resource.storageAccount;
    if (account?.address !== undefined) this.functionApps!.add(attachment, account.address, account.group);
    else this.functionApps!.add(attachment, `${attachment.resource.address}#storage`, undefined);
  }
}
