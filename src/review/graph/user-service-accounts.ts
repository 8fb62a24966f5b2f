import { parseReference } from '../reference';
import { TerraformBlock } from '../terraform-json';
import { attributeOf, flag } from './block-values';
import { DocumentIndex } from './document-index';
import { UserAccountSigns } from './graph-types';

const USER_TYPE = 'azuread_user';

// A user's sign-in named inside an interpolation: `azuread_user.svc.password`, `module.ops.azuread_user.svc["a"].user_principal_name`.
const USER_ATTRIBUTE = /((?:module\.[A-Za-z0-9_-]+(?:\[\d+\]|\["[^"\]]*"\])?\.)*azuread_user\.[A-Za-z0-9_-]+(?:\[\d+\]|\["[^"\]]*"\])?)\.(password|user_principal_name)\b/g;

// Where a workload keeps a user name and password to sign in with: an automation account's credential asset.
const CREDENTIAL_ASSETS: ReadonlySet<string> = new Set(['azurerm_automation_credential']);

/**
 * What each user account's declaration says of how it signs in: a password the configuration
 * sets (the azuread provider needs one to create a user; unless the person must change it at
 * first sign-in, it stays usable, and in Terraform state), and what no person's account needs,
 * which makes it a service account. The article this library implements
 * says "use a user-based service account for automation → replace it with a managed identity":
 * such an account has a password in Terraform state and no MFA a pipeline could satisfy.
 *
 * - its password is set in the configuration, unless it is an initial password the person must
 *   change at first sign-in (`force_password_change = true`);
 * - its password never expires (`disable_password_expiration`);
 * - its password is handed on: another resource holds `azuread_user.x.password` (a vault secret,
 *   a CI secret, an app setting);
 * - a workload signs in as it: an automation account's credential asset names it.
 *
 * A workload's settings that name a user's object ID or user name alone are not a sign: that is
 * also how a configuration names a person (an administrator, a contact), and a finding must be true.
 * Settings that hold the password are, as any other resource that holds it.
 * A person's account declared without any of these says nothing here. The signs are keyed by the
 * user's address, in the order above; each is one short clause for a finding to list. Each
 * account also says whether it is disabled as written (`account_enabled = false`).
 */
export function userAccountSignsOf(index: DocumentIndex): ReadonlyMap<string, UserAccountSigns> {
  const users = index.ofType(USER_TYPE);
  const found = new Map<string, { signs: string[]; serviceAccount: boolean; disabled: boolean }>();
  // Most documents declare no user account: nothing to walk.
  if (users.length === 0) return found;
  // Every sign but the password set alone shows a job signing in as the account.
  const add = (address: string, sign: string, serviceAccount = true) => {
    const entry = found.get(address);
    if (entry === undefined) {found.set(address, { signs: [sign], serviceAccount, disabled: false });} else if (!entry.signs.includes(sign)) {
      entry.signs.push(sign);
      entry.serviceAccount ||= serviceAccount;
    }
  };
  for (const user of users) {
    const password = passwordSign(user);
    if (password !== undefined) add(user.address, password, false);
    const neverExpires = flag(user.body, 'disable_password_expiration');
    if (neverExpires === true) add(user.address, 'its password never expires');
    else if (neverExpires === 'unknown') add(user.address, 'its password may never expire (disable_password_expiration is known only at apply)');
  }
  for (const block of index.blocks) {
    if (block.isData || block.type === USER_TYPE) continue;
    for (const [address, attributes] of usersRepeatedOver(block, users)) {
      if (attributes.has('password')) add(address, `its password is kept in ${block.address}`);
      if (CREDENTIAL_ASSETS.has(block.type)) add(address, `an automation account signs in as it (${block.address})`);
    }
    const named = usersNamedIn(block.body, index);
    if (named === undefined) continue;
    for (const [address, attributes] of named) {
      if (attributes.has('password')) add(address, `its password is kept in ${block.address}`);
      if (CREDENTIAL_ASSETS.has(block.type)) add(address, `an automation account signs in as it (${block.address})`);
    }
  }
  // Whether anyone can sign in with what is kept depends on the account being enabled, as written.
  for (const user of users) {
    const entry = found.get(user.address);
    if (entry !== undefined) entry.disabled = flag(user.body, 'account_enabled') === false;
  }
  return found;
}

/** What the password argument says of the account, never the password itself. */
function passwordSign(user: TerraformBlock): string | undefined {
  const value = attributeOf(user.body, 'password');
  if (value === undefined || value === null) return undefined;
  // An initial password the person replaces at first sign-in is how people's accounts begin.
  // Unknown until apply counts as not forced: the wider reading.
  if (flag(user.body, 'force_password_change') === true) return undefined;
  const written = typeof value === 'string' ? value : undefined;
  const reference = written === undefined ? undefined : parseReference(written);
  return reference === undefined
    ? 'its password is set in the configuration'
    : `its password is set in the configuration (${reference.address}.${reference.attribute})`;
}

// `for_each = azuread_user.svc`: the block is repeated over the users' instances, and `each.value` is each of them.
const FOR_EACH_USERS = /^\$\{((?:module\.[A-Za-z0-9_-]+(?:\[\d+\]|\["[^"\]]*"\])?\.)*azuread_user\.[A-Za-z0-9_-]+)\}$/;
const EACH_VALUE = /\beach\.value\.(password|user_principal_name)\b/g;

/**
 * The users a block repeated over them reads of (`for_each = azuread_user.svc`, `value =
 * each.value.password`): every instance of those users, with the attributes read of `each.value`.
 */
function usersRepeatedOver(block: TerraformBlock, users: readonly TerraformBlock[]): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const forEach = attributeOf(block.body, 'for_each');
  const base = typeof forEach === 'string' ? FOR_EACH_USERS.exec(forEach)?.[1] : undefined;
  if (base === undefined) return found;
  const attributes = new Set<string>();
  const visit = (part: unknown): void => {
    if (typeof part === 'string') {
      for (const [, attribute] of part.matchAll(EACH_VALUE)) attributes.add(attribute);
    } else if (Array.isArray(part)) {
      for (const item of part) visit(item);
    } else if (typeof part === 'object' && part !== null) {
      for (const key of Object.keys(part)) if (key !== '//') visit((part as Record<string, unknown>)[key]);
    }
  };
  visit(block.body);
  if (attributes.size === 0) return found;
  for (const user of users) if (user.address === base || user.address.startsWith(`${base}[`)) found.set(user.address, attributes);
  return found;
}

/** The declared users a value names anywhere inside it, with the attributes it reads of each. */
function usersNamedIn(value: unknown, index: DocumentIndex): Map<string, Set<string>> | undefined {
  let found: Map<string, Set<string>> | undefined;
  const visit = (part: unknown): void => {
    if (typeof part === 'string') {
      if (!part.includes('azuread_user.') || !part.includes('${')) return;
      for (const [, address, attribute] of part.matchAll(USER_ATTRIBUTE)) {
        if (index.get(address)?.type !== USER_TYPE) continue;
        found ??= new Map();
        const attributes = found.get(address) ?? new Set<string>();
        attributes.add(attribute);
        found.set(address, attributes);
      }
    } else if (Array.isArray(part)) {
      for (const item of part) visit(item);
    } else if (typeof part === 'object' && part !== null) {
      // JSON.parse makes plain objects: every key is the object's own. `//` is cdktf's metadata.
      for (const key of Object.keys(part)) if (key !== '//') visit((part as Record<string, unknown>)[key]);
    }
  };
  visit(value);
  return found;
}
