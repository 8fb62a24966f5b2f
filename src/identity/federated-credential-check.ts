import type { TerraformResource, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { echo } from '../model/echo';
import { FEDERATED_CREDENTIAL_LIMITS } from '../model/federated-credential-limits';
import { cdktf, isUnresolved } from '../private/cdktf-runtime';

const CREDENTIAL_TYPE = 'azurerm_federated_identity_credential';

/** An identity whose federated credentials are counted at synth, wherever they were written. */
export interface FederatedCredentialHolder {
  readonly construct: IConstruct;
  /** The `azurerm_user_assigned_identity`: credentials name it by its `id` in `parent_id`. */
  readonly resource: TerraformResource;
  readonly displayName: string;
}

/**
 * A credential resource as the provider class exposes what it was given: the identity is
 * `parentId`, or `userAssignedIdentityId` in bindings generated for later azurerm 4.x releases.
 */
interface CredentialInputs {
  readonly parentIdInput?: string;
  readonly userAssignedIdentityIdInput?: string;
  readonly nameInput?: string;
}

interface Credential {
  readonly resource: TerraformResource;
  /** How many credentials the resource makes: 1, or its literal `count`. */
  readonly instances: number;
  readonly name?: string;
}

const holdersByStack = new WeakMap<TerraformStack, FederatedCredentialHolder[]>();

/**
 * Counts, at synth, every `azurerm_federated_identity_credential` of the identity's stack whose
 * `parent_id` (or `user_assigned_identity_id`) is the identity's ID: the ones made with
 * `addFederatedCredential` and the ones written as raw resources beside it. Entra allows 20 on one
 * identity, and a name once. One walk of the stack answers for all its identities.
 */
export function checkFederatedCredentialsAtSynth(holder: FederatedCredentialHolder): void {
  const stack = cdktf().TerraformStack.of(holder.construct);
  let holders = holdersByStack.get(stack);
  if (holders === undefined) {
    const registered: FederatedCredentialHolder[] = [];
    holders = registered;
    holdersByStack.set(stack, registered);
    stack.node.addValidation({ validate: () => credentialProblems(stack, registered) });
  }
  holders.push(holder);
}

function credentialProblems(stack: TerraformStack, holders: FederatedCredentialHolder[]): string[] {
  const { TerraformResource: Resource, Tokenization, DefaultTokenResolver, StringConcat } = cdktf();
  // A reference is compared as Terraform will read it, `${azurerm_user_assigned_identity.x.id}`,
  // however many token objects stand for it in the code; synthesis resolves the same values.
  const resolver = new DefaultTokenResolver(new StringConcat());
  const resolve = (value: unknown): unknown => Tokenization.resolve(value, { scope: stack, preparing: false, resolver });
  const byParent = new Map<string, Credential[]>();
  for (const node of stack.node.findAll()) {
    if (!(node instanceof Resource) || node.terraformResourceType !== CREDENTIAL_TYPE) continue;
    const inputs = node as unknown as CredentialInputs;
    const identityId = inputs.parentIdInput ?? inputs.userAssignedIdentityIdInput;
    const parent = identityId === undefined ? undefined : resolve(identityId);
    if (typeof parent !== 'string') continue;
    const instances = instancesOf(node);
    if (instances === undefined) continue;
    const name = knownText(inputs.nameInput);
    const credentials = byParent.get(parent) ?? [];
    credentials.push({ resource: node, instances, name });
    byParent.set(parent, credentials);
  }
  // No credential in the stack: nothing to count, and no identity's ID to resolve (a token each).
  if (byParent.size === 0) return [];
  const problems: string[] = [];
  for (const holder of holders) {
    const credentials = byParent.get(resolve(holder.resource.interpolationForAttribute('id')) as string) ?? [];
    problems.push(...countProblem(holder, credentials), ...nameProblems(holder, credentials));
  }
  return problems;
}

/**
 * How many credentials a resource makes, when Terraform knows it before apply: 1, or a literal
 * `count`. A count known only at apply, or a `for_each`, is not counted: it may be 0, and a
 * refusal must be true.
 */
function instancesOf(resource: TerraformResource): number | undefined {
  if (resource.forEach !== undefined) return undefined;
  if (resource.count === undefined) return 1;
  return typeof resource.count === 'number' && !isUnresolved(resource.count) ? resource.count : undefined;
}

/**
 * Text Terraform knows before apply: neither a token nor a Terraform expression written into the
 * string (`"${count.index}-b"` names each instance differently).
 */
function knownText(value: string | undefined): string | undefined {
  return value !== undefined && !isUnresolved(value) && !/[$%]\{/.test(value) ? value : undefined;
}

function describeCredential(credential: Credential): string {
  return credential.instances === 1 ? credential.resource.node.path : `${credential.resource.node.path} (count = ${credential.instances})`;
}

function countProblem(holder: FederatedCredentialHolder, credentials: Credential[]): string[] {
  const total = credentials.reduce((sum, c) => sum + c.instances, 0);
  const max = FEDERATED_CREDENTIAL_LIMITS.maxPerIdentity;
  if (total <= max) return [];
  return [
    `${holder.construct.node.path}: ${total} federated identity credentials have the ID of ${holder.displayName} as parent_id (or user_assigned_identity_id) ` +
      `(${echo(credentials.map(describeCredential).join(', '))}); Entra allows at most ${max} on one user-assigned managed identity ` +
      `and refuses each one past the ${max}th at apply. Accepted: at most ${max}; trust the other subjects through another identity.`,
  ];
}

function nameProblems(holder: FederatedCredentialHolder, credentials: Credential[]): string[] {
  const problems: string[] = [];
  const first = new Map<string, Credential>();
  for (const credential of credentials) {
    if (credential.name === undefined) continue;
    // ARM compares the names in resource IDs without case.
    const key = credential.name.toLowerCase();
    const earlier = first.get(key);
    const clash = earlier !== undefined ? `${earlier.resource.node.path} and ${credential.resource.node.path} are both` : credential.instances > 1
      ? `${describeCredential(credential)} makes ${credential.instances}` : undefined;
    if (clash !== undefined) {
      problems.push(
        `${holder.construct.node.path}: federated credentials on ${holder.displayName}: ${clash} named ${echo(credential.name)}; a credential's name is the last ` +
          'segment of its ID, so the second is the same resource and fails at apply (azurerm: "already exists - to be managed via Terraform this resource ' +
          'needs to be imported into the State"). Accepted: a name used once on an identity (names compare without case).',
      );
    }
    if (earlier === undefined) first.set(key, credential);
  }
  return problems;
}
