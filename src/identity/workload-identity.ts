import type { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import type { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import type { ITerraformResource, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { setAzureClientId, supportsAzureClientId } from './azure-client-id';
import { checkFederatedCredentialsAtSynth } from './federated-credential-check';
import { FederatedCredentialSubject, GitHubActionsTrustProps } from './federated-credential-subject';
import { addUserAssignedIdentity } from './identity-block';
import { IGrantable } from './principal';
import { checkTags } from './tag-check';
import { grantOn } from '../grants/access-grant';
import { Access } from '../grants/access-intents.generated';
import { AppPermissionGrant } from '../grants/app-permission-grant';
import { AppPermissionGrantOptions } from '../grants/app-permission-options';
import { GrantOptions } from '../grants/grant-options';
import { RoleGrant } from '../grants/role-grant';
import { echo } from '../model/echo';
import { FEDERATED_CREDENTIAL_LIMITS, FEDERATED_CREDENTIAL_NAME_ACCEPTED } from '../model/federated-credential-limits';
import { registerHosting } from '../model/principal-hosting';
import { PrincipalKind, PrincipalType } from '../model/principal-kind';
import { RuleId } from '../model/rule-id';
import { isUnresolved } from '../private/cdktf-runtime';
import { azurerm } from '../private/providers';
import { recordSuppressions } from '../private/record-metadata';
import { AppPermission } from '../roles/app-permission';
import { Role } from '../roles/role';
import { Scope } from '../scope/scope';

/** The tag that records who owns an identity, so ownership can be reviewed. */
export const OWNER_TAG = 'owner';

/** Properties of a workload identity: where it lives and who answers for it. */
export interface WorkloadIdentityProps {
  /** The identity's resource name, e.g. `uai-ordering-api`: reports name the identity by it. */
  readonly name: string;
  /** The resource group the identity is created in (it must exist, or be created in the stack). */
  readonly resourceGroupName: string;
  /** The Azure region of the identity, e.g. `westeurope`; usually the workload's own. */
  readonly location: string;
  /**
   * Who answers for this identity: a team mailbox or group, kept in the `owner` tag so the
   * identity's access can be reviewed with someone.
   */
  readonly owner: string;
  /**
   * More tags for the identity (the `owner` tag is always set from `owner`).
   * @default - only the owner tag
   */
  readonly tags?: { [key: string]: string };
}

/** Options of attaching an identity to a resource. */
export interface AttachOptions {
  /**
   * Set AZURE_CLIENT_ID in the app's settings (App Service, Function Apps) or containers
   * (Container Apps) so DefaultAzureCredential selects this identity.
   * @default true where the resource type supports it
   */
  readonly setAzureClientId?: boolean;
}

/** Options of a federated credential. */
export interface FederatedCredentialOptions {
  /**
   * The credential's name in Azure (3 to 120 letters, digits, '-' and '_', starting with a
   * letter or digit). @default - the construct ID
   */
  readonly name?: string;
}

/**
 * A user-assigned managed identity (`azurerm_user_assigned_identity`) for a workload: the
 * workload authenticates as it, with no secret to store or rotate.
 */
export class WorkloadIdentity extends Construct implements IGrantable {
  /** The `azurerm_user_assigned_identity` resource, for settings this construct does not take. */
  public readonly resource: UserAssignedIdentity;
  // The resource's attribute tokens, made when first read: each provider getter makes a new token
  // and records a stack trace for it (~20 µs), which 2,000 identities paid 8,000 times at
  // construction, mostly for attributes no one reads.
  private readonly attributes = new Map<'id' | 'principalId' | 'clientId' | 'tenantId', string>();
  public readonly principalType = PrincipalType.SERVICE_PRINCIPAL;
  public readonly kind = PrincipalKind.MANAGED_IDENTITY;
  public readonly displayName: string;
  /** Who answers for this identity, as written in its `owner` tag. */
  public readonly owner: string;
  private readonly federatedCredentials: FederatedIdentityCredential[] = [];

  /**
   * @param scope the construct to define this one in (a stack, or a construct inside one)
   * @param id the construct ID, unique among its siblings and part of the path that messages name
   * @param props the identity's name, resource group, region and owner
   */
  constructor(scope: Construct, id: string, props: WorkloadIdentityProps) {
    super(scope, id);
    if (!isUnresolved(props.owner) && !props.owner.trim()) {
      throw new Error(`${this.node.path}: owner must name who answers for the identity (a team mailbox or group); got an empty string.`);
    }
    for (const [argument, value] of [['resourceGroupName', props.resourceGroupName], ['location', props.location]] as const) {
      if (!isUnresolved(value) && !(value ?? '').trim()) {
        throw new Error(`${this.node.path}: ${argument} is empty; Azure refuses the identity without it. Accepted: the ${argument === 'location' ? 'Azure region (e.g. eastus)' : 'name of an existing resource group'}.`);
      }
    }
    if (!isUnresolved(props.name) && !/^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/.test(props.name)) {
      throw new Error(
        `${this.node.path}: name "${props.name}" is not a valid identity name ` +
          "(3 to 128 letters, digits, '-' and '_', starting with a letter or digit).",
      );
    }
    const tags = { ...props.tags, [OWNER_TAG]: props.owner };
    checkTags(this.node.path, tags, (name) => (name === OWNER_TAG ? `owner (the value of tag "${OWNER_TAG}")` : `the value of tag ${echo(name)}`));
    const { UserAssignedIdentity: Identity } = azurerm.userAssignedIdentity();
    this.resource = new Identity(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags,
    });
    this.displayName = props.name;
    this.owner = props.owner;
    checkFederatedCredentialsAtSynth({ construct: this, resource: this.resource, displayName: props.name });
    registerHosting(this, { host: this, createdInStack: true });
  }

  /** The identity's ARM resource ID. */
  public get id(): string {
    return this.attribute('id');
  }

  /** The object ID of its service principal: what role assignments name. */
  public get principalId(): string {
    return this.attribute('principalId');
  }

  /** The client (application) ID: what AZURE_CLIENT_ID holds. */
  public get clientId(): string {
    return this.attribute('clientId');
  }

  /** The Entra tenant the identity's service principal belongs to. */
  public get tenantId(): string {
    return this.attribute('tenantId');
  }

  /** One token per attribute, as the fields these getters replaced held: the same text on every read. */
  private attribute(name: 'id' | 'principalId' | 'clientId' | 'tenantId'): string {
    let token = this.attributes.get(name);
    if (token === undefined) {
      token = this.resource[name];
      this.attributes.set(name, token);
    }
    return token;
  }

  /**
   * Grants `role` at `scope` to this identity.
   *
   * A wide scope (a subscription or wider, or one that cannot be read) needs `options.justification`:
   * rule AZA001 reports it otherwise, as an error unless the AccessGuard is set to allow it.
   */
  public grant(role: Role, scope: Scope, options: GrantOptions = {}): RoleGrant {
    return RoleGrant._create(this, role, scope, options);
  }

  /**
   * Grants this identity `access` on `resource` as the least-privileged built-in role for that job, scoped to the resource.
   *
   * `Access.SECRETS_READ` on a Key Vault is Key Vault Secrets User. A resource type the access
   * does not apply to is refused: the role would grant nothing there.
   */
  public grantOn(resource: ITerraformResource, access: Access, options: GrantOptions = {}): RoleGrant {
    return grantOn(this, resource, access, options);
  }

  /**
   * Grants this identity an application permission: Microsoft Graph's
   * (`GraphPermission.USER_READ_ALL`) or another API's (`AppPermission.forApi({...})`). A tier-0
   * permission needs `options.justification`, or synthesis fails.
   */
  public grantAppPermission(permission: AppPermission, options: AppPermissionGrantOptions = {}): AppPermissionGrant {
    return AppPermissionGrant._create(this, permission, options);
  }

  /**
   * Lets `resource` run as this identity: adds it to the resource's identity block (keeping a
   * system-assigned identity and other user-assigned ones), and for App Service, Function Apps
   * and Container Apps sets AZURE_CLIENT_ID so DefaultAzureCredential selects it.
   */
  public attachTo(resource: TerraformResource, options: AttachOptions = {}): void {
    addUserAssignedIdentity(resource, this.id);
    if ((options.setAzureClientId ?? true) && supportsAzureClientId(resource)) {
      setAzureClientId(resource, this.clientId);
    }
  }

  /**
   * Trusts tokens from an OIDC issuer (GitHub Actions, a Kubernetes cluster, ...) to act as this
   * identity: no secret is stored anywhere. At most 20 per identity.
   */
  public addFederatedCredential(
    id: string,
    subject: FederatedCredentialSubject,
    options: FederatedCredentialOptions = {},
  ): FederatedIdentityCredential {
    const path = `${this.node.path}/${id}`;
    const { maxPerIdentity, name: namePattern } = FEDERATED_CREDENTIAL_LIMITS;
    if (this.federatedCredentials.length >= maxPerIdentity) {
      throw new Error(
        `${path}: Azure allows at most ${maxPerIdentity} federated credentials per identity, and ` +
          `${this.displayName} already has ${this.federatedCredentials.length}. Use another identity, or narrower subjects.`,
      );
    }
    const name = options.name ?? id;
    if (!isUnresolved(name) && !namePattern.test(name)) {
      throw new Error(`${path}: federated credential name ${echo(name)} is not accepted (${FEDERATED_CREDENTIAL_NAME_ACCEPTED}).`);
    }
    checkTrustLengths(path, subject);
    const justification = checkTrustJustification(path, subject);
    const same = this.federatedCredentials.find((c) => sameTrust(c, subject));
    if (same !== undefined) {
      throw new Error(
        `${this.node.path}/${id}: ${this.displayName} already trusts issuer ${subject.issuer} for subject ${subject.subject} ` +
          `(${same.node.path}); Entra refuses a second federated credential with the same issuer and subject. Keep one.`,
      );
    }
    const { FederatedIdentityCredential: Credential } = azurerm.federatedIdentityCredential();
    const previous = this.federatedCredentials[this.federatedCredentials.length - 1];
    const credential = new Credential(this, id, {
      name,
      resourceGroupName: this.resource.resourceGroupName,
      parentId: this.id,
      issuer: subject.issuer,
      subject: subject.subject,
      audience: subject.audiences,
      // Azure refuses concurrent writes of credentials to one identity
      // (ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity): one at a time.
      dependsOn: previous === undefined ? undefined : [previous],
    });
    if (justification !== undefined) {
      recordSuppressions(credential, [{ ruleId: RuleId.PRIVILEGED_TRUST_WITHOUT_ENVIRONMENT, reason: justification }]);
    }
    this.federatedCredentials.push(credential);
    return credential;
  }

  /**
   * Shorthand for `addFederatedCredential(id, FederatedCredentialSubject.gitHubActions(props))`.
   *
   * Trust an environment with required reviewers: on an identity that holds a tier-0 or tier-1
   * role or permission (granted before or after this call), the guard reports a pull request as
   * an error and a branch or tag as a warning (AZA032), unless `props.justification` says why.
   */
  public trustGitHubActions(id: string, props: GitHubActionsTrustProps): FederatedIdentityCredential {
    return this.addFederatedCredential(id, FederatedCredentialSubject.gitHubActions(props));
  }
}

/**
 * Entra keeps at most 600 characters of a credential's issuer, subject and audience, and refuses
 * the credential at apply otherwise (the limits are in model/federated-credential-limits.ts).
 */
function checkTrustLengths(path: string, subject: FederatedCredentialSubject): void {
  const { maxIssuerLength, maxSubjectLength, maxAudienceLength } = FEDERATED_CREDENTIAL_LIMITS;
  const fields: [string, string, number][] = [
    ['issuer', subject.issuer, maxIssuerLength],
    ['subject', subject.subject, maxSubjectLength],
    ...subject.audiences.map((audience): [string, string, number] => ['audience', audience, maxAudienceLength]),
  ];
  for (const [field, value, max] of fields) {
    if (typeof value === 'string' && !isUnresolved(value) && value.length > max) {
      throw new Error(
        `${path}: the federated credential's ${field} ${echo(value)} is ${value.length} characters; Entra accepts at most ${max} ` +
          `and refuses the credential at apply. Accepted: an ${field} of at most ${max} characters.`,
      );
    }
  }
}

/**
 * A trust's written reason, trimmed; an empty one is refused: the JSON would record an accepted
 * AZA032 that says nothing.
 */
function checkTrustJustification(path: string, subject: FederatedCredentialSubject): string | undefined {
  if (subject.justification === undefined || isUnresolved(subject.justification)) return subject.justification;
  const justification = subject.justification.trim();
  if (!justification) {
    throw new Error(`${path}: justification is empty. Say why ${echo(subject.subject)} is trusted instead of a deployment environment with required reviewers, `
      + 'or leave justification out and let the guard judge the trust (AZA032).');
  }
  return justification;
}

/** The same issuer and subject, when both are written out (a token may be anything). */
function sameTrust(credential: FederatedIdentityCredential, subject: FederatedCredentialSubject): boolean {
  const parts = [credential.issuerInput, credential.subjectInput, subject.issuer, subject.subject];
  if (parts.some((part) => part === undefined || isUnresolved(part))) return false;
  return credential.issuerInput === subject.issuer && credential.subjectInput === subject.subject;
}
