import { AuditRuleId } from './audit-rule-ids';
import { notComparableFinding } from './drift-findings';
import { LiveApplicationFederatedCredentials, LiveFederatedCredential, LiveExport } from './live-types';
import { AuditMatch } from './match-declared';
import { applicationFederatedCredentials } from './parse-federated-credentials';
import { sortedBy } from './sorted-by';
import { Finding } from '../../model/finding';
import { isGuid } from '../../model/guid';
import { Severity } from '../../model/severity';
import { AccessGraph } from '../graph/access-graph';
import { credentialOwnerName } from '../graph/credential-owner';
import { FederatedTrust, judgeFederatedTrust } from '../graph/federated-subject';
import { GraphCredential, Origin } from '../graph/graph-types';
import { documentKeyOf } from '../graph/origin';
import { groupBy } from '../group-by';
import { parseReference } from '../reference';

/** The live federated credentials an audit compares with the code: either export may be missing. */
export interface LiveFederatedCredentials {
  /** Microsoft Graph applications with `$expand=federatedIdentityCredentials`. */
  readonly applications?: LiveExport<LiveApplicationFederatedCredentials>;
  /** `az identity federated-credential list`, one identity a file (merged with mergeExports). */
  readonly identities?: LiveExport<LiveFederatedCredential>;
}

/** What comparing the code's federated credentials with the tenant's found. */
export interface FederatedCredentialAudit {
  /** AUD014, AUD015, AUD016, and AUD008 for declared credentials made of values known only after apply. */
  readonly findings: Finding[];
  /** Declared credentials found in the tenant (`liveId`: Graph's credential ID, or the identity credential's ARM ID). */
  readonly matched: AuditMatch[];
  /** Live credentials no code declares (each has its AUD014). */
  readonly unmanaged: LiveFederatedCredential[];
  /** Live credentials read. */
  readonly live: number;
}

type OwnerKind = LiveFederatedCredential['owner']['kind'];

/** A declared federated credential, with what the exports can be searched for. */
interface DeclaredTrust {
  readonly origin: Origin;
  readonly credential: GraphCredential;
  /** `the federated credential ... on application "x"`, for messages. */
  readonly description: string;
  readonly ownerKind?: OwnerKind;
  /** The owner as the tenant names it: an application's object ID, an identity's ARM ID (lower case). */
  readonly ownerId?: string;
  /** Otherwise as the code names it: an application's display name, an identity's `<group>/<name>` (lower case). */
  readonly ownerName?: string;
  /** Issuer, and subject or expression, when written (no part known only after apply). */
  readonly issuer?: string;
  readonly flexible: boolean;
  readonly subject?: string;
  /** Why it cannot be compared, when it cannot. */
  readonly notComparable?: string;
}

const APPLICATION_TYPES = new Set(['azuread_application', 'azuread_application_registration']);
const APPLICATION_ID = /^\/applications\/([0-9a-f-]{36})\/?$/i;
/** `module.a["x"].azurerm_federated_identity_credential.b[0]`: the resource type. */
const TYPE_OF_ADDRESS = /^(?:module\.[^.[]+(?:\[[^\]]*\])?\.)*([a-z0-9_]+)\./;
const IDENTITY_ID = /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.managedidentity\/userassignedidentities\/[^/]+\/?$/i;

/** How many candidates a not-comparable credential's finding names before it counts the rest. */
const CANDIDATES_NAMED = 3;

const known = (value: string | undefined): value is string => value !== undefined && value !== '' && !value.includes('${');

/**
 * Compares the code's federated credentials (`azurerm_federated_identity_credential`,
 * `azuread_application_federated_identity_credential`, its flexible variant, and azapi's) with the
 * tenant's, one to one: the same owner, issuer, and subject (or, flexible, the same expression).
 * The owner is compared by what the tenant names it by when the code writes it (an application's
 * `/applications/<object id>`, an identity's ARM ID: `exact`), else by the name the code states for
 * the application or identity it references (display name; identity name and resource group:
 * `semantic`).
 *
 * Every finding is true, and nothing is silently left out:
 * - a declared credential whose owner, issuer or subject is known only after apply is not
 *   compared (AUD008), and the tenant's credentials it may be are not called unmanaged: its
 *   finding names them instead;
 * - a declared one is missing (AUD015) only when the exports list its owner (an application in the
 *   applications export, even with no credential; an identity with at least one credential: an
 *   identity's empty list names no identity); else it is not exported (AUD016, info);
 * - a declared credential of a kind no export was given for (an identity's, with only the
 *   applications export) is not compared at all: the audit says which exports it read.
 */
export function auditFederatedCredentials(graph: AccessGraph, live: LiveFederatedCredentials): FederatedCredentialAudit {
  const exported = new Set<OwnerKind>([
    ...(live.applications === undefined ? [] : ['application' as const]),
    ...(live.identities === undefined ? [] : ['user-assigned-identity' as const]),
  ]);
  const declared = sortedBy(
    graph.credentials.filter((c) => c.kind === 'federated').map((c) => declaredTrust(c, graph)),
    (d) => `${d.origin.file}\u0000${d.origin.address}`,
  ).filter((d) => d.ownerKind === undefined || exported.has(d.ownerKind));
  const credentials = [
    ...(live.applications === undefined ? [] : applicationFederatedCredentials(live.applications)),
    ...(live.identities?.items ?? []),
  ];
  const ranked = sortedBy(credentials, (l) => `${l.owner.kind}\u0000${l.id.toLowerCase()}`);
  const byExact = groupBy(ranked, (l) => liveKey(l, exactOwner(l)));
  const byName = groupBy(ranked, (l) => liveKey(l, namedOwner(l)));
  const covered = coveredOwners(live, credentials);

  const taken = new Set<LiveFederatedCredential>();
  const found = new Set<DeclaredTrust>();
  const matched: AuditMatch[] = [];
  for (const pass of ['exact', 'semantic'] as const) {
    for (const d of declared) {
      if (d.notComparable !== undefined || (d.ownerId !== undefined ? 'exact' : 'semantic') !== pass) continue;
      const key = trustKey(d.ownerKind!, d.ownerId ?? d.ownerName!, d.issuer!, d.flexible, d.subject!);
      const l = (pass === 'exact' ? byExact : byName).get(key)?.find((x) => !taken.has(x));
      if (l === undefined) continue;
      taken.add(l);
      found.add(d);
      matched.push({ file: d.origin.file, address: d.origin.address, liveId: l.id, how: pass });
    }
  }

  const findings: Finding[] = [];
  const maybeDeclared = new Set<LiveFederatedCredential>();
  for (const d of declared) {
    if (found.has(d)) continue;
    if (d.notComparable !== undefined) {
      const candidates = ranked.filter((l) => !taken.has(l) && couldBe(d, l));
      for (const l of candidates) maybeDeclared.add(l);
      findings.push(notComparableFinding({ description: d.description, origin: d.origin, notComparable: `${d.notComparable}${candidatesText(candidates)}` }));
    } else if (covered.has(`${d.ownerKind}\u0000${d.ownerId ?? d.ownerName}`)) {
      findings.push(missingFinding(d));
    } else {
      findings.push(notExportedFinding(d));
    }
  }
  // In the exports' order: the order a reader of the exports finds them in.
  const unmanaged = credentials.filter((l) => !taken.has(l) && !maybeDeclared.has(l));
  return {
    findings: [...unmanaged.map(unmanagedFinding), ...findings],
    matched: sortedBy(matched, (m) => `${m.file}\u0000${m.address}`),
    unmanaged,
    live: credentials.length,
  };
}

/** AUD014: in the tenant, in no code. A subject open to many (judgeFederatedTrust's `open`) is an error. */
export function unmanagedFinding(live: LiveFederatedCredential): Finding {
  const trust = judgeFederatedTrust(trustOf(live));
  const open = trust.breadth === 'open';
  const owner = liveOwnerText(live);
  const flexible = live.claimsMatchingExpression !== undefined;
  const declare = live.owner.kind === 'application'
    ? `${flexible ? 'azuread_application_flexible_federated_identity_credential' : 'azuread_application_federated_identity_credential'}, `
      + `import ID /applications/${live.owner.id}/federatedIdentityCredentials/${live.id}`
    : `${flexible ? 'an azapi_resource of type Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials' : 'azurerm_federated_identity_credential'}, import ID ${live.id}`;
  const remove = live.owner.kind === 'application'
    ? `az ad app federated-credential delete --id ${live.owner.appId} --federated-credential-id ${live.id}`
    : `az identity federated-credential delete --name ${live.name} --identity-name ${live.owner.name} --resource-group ${live.owner.resourceGroup} --subscription ${live.owner.subscriptionId}`;
  return {
    ruleId: AuditRuleId.FEDERATED_CREDENTIAL_UNMANAGED,
    severity: open ? Severity.ERROR : Severity.WARNING,
    message: `The federated credential "${live.name}" of ${owner} trusts ${trust.names} (issuer ${live.issuer}): ${trust.who} `
      + `can sign in as it${open ? ', the widest trust' : ''}. It is in the tenant, but no code declares it.`,
    address: live.place,
    file: live.file,
    fix: `${open ? 'If the workload needs it, narrow it first to a subject its CI system gates (a deployment environment with required reviewers, or one protected branch). ' : ''}`
      + `Bring it under code (${declare}), or delete it if nobody needs it: ${remove}.`,
  };
}

/** AUD015: declared and comparable, its owner in the exports, the credential not. */
function missingFinding(d: DeclaredTrust): Finding {
  const application = d.ownerKind === 'application';
  return {
    ruleId: AuditRuleId.FEDERATED_CREDENTIAL_MISSING_IN_TENANT,
    severity: Severity.WARNING,
    message: `declares ${d.description}, which the tenant does not hold (${lookedFor(d)} holds no federated credential with issuer ${d.issuer} `
      + `and ${d.flexible ? 'expression' : 'subject'} ${d.subject}).`,
    ...located(d.origin),
    fix: `Apply the configuration. If it was applied, find who removed it in the ${application
      ? 'Entra audit log (category ApplicationManagement)'
      : 'Activity Log (Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/delete)'}, and check that the export holds every page.`,
  };
}

/** AUD016: declared and comparable, but no export lists its owner: nothing says whether the tenant holds it. */
function notExportedFinding(d: DeclaredTrust): Finding {
  const application = d.ownerKind === 'application';
  return {
    ruleId: AuditRuleId.FEDERATED_CREDENTIAL_NOT_EXPORTED,
    severity: Severity.INFO,
    message: `declares ${d.description}, which the exports can neither confirm nor deny: they list no ${lookedFor(d)}`
      + `${application ? '' : ' (an identity without federated credentials exports as an empty list, which names no identity)'}.`,
    ...located(d.origin),
    fix: application
      ? 'Export every application (GET /v1.0/applications?$select=id,appId,displayName&$expand=federatedIdentityCredentials, every page). '
        + 'If a complete export lacks the application, it does not exist: apply the configuration.'
      : 'Export its credentials (az identity federated-credential list --identity-name <name> --resource-group <group> -o json) with the others; '
        + 'if the list is empty, the credential is missing: apply the configuration.',
  };
}

function located(origin: Origin): Pick<Finding, 'address' | 'file' | 'constructPath'> {
  return { address: origin.address, file: origin.file, ...(origin.constructPath === undefined ? {} : { constructPath: origin.constructPath }) };
}

function trustOf(live: LiveFederatedCredential): FederatedTrust {
  return live.claimsMatchingExpression === undefined
    ? { issuer: live.issuer, subject: live.subject }
    : { issuer: live.issuer, claimsMatchingExpression: live.claimsMatchingExpression };
}

function liveOwnerText(live: LiveFederatedCredential): string {
  const owner = live.owner;
  return owner.kind === 'application'
    ? `application ${owner.displayName === undefined ? owner.id : `"${owner.displayName}"`} (appId ${owner.appId})`
    : `user-assigned identity ${owner.name} (resource group ${owner.resourceGroup}, subscription ${owner.subscriptionId})`;
}

/** `application object ID <id>`, `an application named "x"`, `identity <ARM ID>`, `identity x in resource group y`. */
function lookedFor(d: DeclaredTrust): string {
  if (d.ownerKind === 'application') return d.ownerId !== undefined ? `application with object ID ${d.ownerId}` : `application named "${d.ownerName}"`;
  if (d.ownerId !== undefined) return `user-assigned identity ${d.ownerId}`;
  const [group, name] = d.ownerName!.split('/');
  return `user-assigned identity ${name} in resource group ${group}`;
}

/** `; it may be the tenant's ... at file /place, ...`: the live credentials a declared one known only after apply may be. */
function candidatesText(candidates: readonly LiveFederatedCredential[]): string {
  if (candidates.length === 0) return '';
  const named = candidates.slice(0, CANDIDATES_NAMED).map((l) => `"${l.name}" of ${liveOwnerText(l)} (${l.file} ${l.place})`);
  const rest = candidates.length - named.length;
  return `; so the tenant's ${candidates.length === 1 ? 'federated credential' : `${candidates.length} federated credentials`} it may be `
    + `${candidates.length === 1 ? 'is' : 'are'} not called unmanaged: ${named.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
}

/** What a declared credential can be compared by, or why it cannot. */
function declaredTrust(credential: GraphCredential, graph: AccessGraph): DeclaredTrust {
  const flexible = 'claimsMatchingExpression' in credential;
  const subject = flexible ? credential.claimsMatchingExpression : credential.subject;
  const owner = ownerOf(credential, graph);
  const trust = judgeFederatedTrust(credential);
  const kindName = owner.kind === 'application' ? 'application' : owner.kind === 'user-assigned-identity' ? 'user-assigned identity' : 'owner';
  const reasons = [
    owner.notComparable ?? '',
    known(credential.issuer) ? '' : `its issuer (${credential.issuer ?? 'not written'}) is known only after apply`,
    known(subject) ? '' : `its ${flexible ? 'expression' : 'subject'} (${subject ?? 'not written'}) is known only after apply`,
  ].filter((r) => r !== '');
  return {
    origin: credential.origin,
    credential,
    description: `a federated credential on ${kindName} ${credentialOwnerName(credential, graph)} that trusts ${trust.names} (issuer ${credential.issuer ?? 'not written'})`,
    ...(owner.kind === undefined ? {} : { ownerKind: owner.kind }),
    ...(owner.id === undefined ? {} : { ownerId: owner.id }),
    ...(owner.name === undefined ? {} : { ownerName: owner.name }),
    ...(known(credential.issuer) ? { issuer: credential.issuer } : {}),
    flexible,
    ...(known(subject) ? { subject: flexible ? subject.trim() : subject } : {}),
    ...(reasons.length > 0 ? { notComparable: reasons.join('; ') } : {}),
  };
}

interface DeclaredOwner {
  readonly kind?: OwnerKind;
  readonly id?: string;
  readonly name?: string;
  readonly notComparable?: string;
}

/**
 * The owner as written: a literal `/applications/<object id>` or identity ARM ID; a reference to
 * an application or user-assigned identity of the same document that states its name (and, for an
 * identity, its resource group); anything else is known only after apply.
 */
function ownerOf(credential: GraphCredential, graph: AccessGraph): DeclaredOwner {
  const owner = ownerWritten(credential, graph);
  // The resource type says whose it is, whatever its owner's value: azuread's are an application's, azurerm's and azapi's an identity's.
  const type = TYPE_OF_ADDRESS.exec(credential.origin.address)?.[1] ?? '';
  const kind: OwnerKind | undefined = type.startsWith('azuread_') ? 'application' : type.startsWith('azurerm_') || type.startsWith('azapi_') ? 'user-assigned-identity' : undefined;
  return owner.kind !== undefined || kind === undefined ? owner : { ...owner, kind };
}

function ownerWritten(credential: GraphCredential, graph: AccessGraph): DeclaredOwner {
  const written = credential.owner;
  // The graph names the credential's own address when the configuration writes no owner.
  if (written === credential.origin.address) return { notComparable: 'it names no application or identity' };
  if (!written.includes('${')) {
    const application = APPLICATION_ID.exec(written);
    if (application !== null && isGuid(application[1])) return { kind: 'application', id: application[1].toLowerCase() };
    if (IDENTITY_ID.test(written)) return { kind: 'user-assigned-identity', id: written.replace(/\/+$/, '').toLowerCase() };
    return { notComparable: `its owner (${written}) is neither an application ID (/applications/<object id>) nor a user-assigned identity's ARM ID` };
  }
  const reference = parseReference(written);
  const document = documentKeyOf(credential.origin);
  const unknown = `its owner (${written}) is known only after apply and names nothing to look up`;
  if (reference === undefined || reference.isData) return { notComparable: unknown };
  if (APPLICATION_TYPES.has(reference.type)) {
    const application = graph.directoryObjects.find((o) => o.kind === 'application' && o.origin.address === reference.address && documentKeyOf(o.origin) === document);
    return application !== undefined && application.name !== application.origin.address && known(application.name)
      ? { kind: 'application', name: application.name.toLowerCase() }
      : { kind: 'application', notComparable: unknown };
  }
  const identity = graph.identities.find((i) => i.kind === 'user-assigned' && i.origin.address === reference.address && documentKeyOf(i.origin) === document);
  if (identity === undefined) return { notComparable: unknown };
  const group = identity.resource.group;
  return identity.name !== identity.origin.address && known(identity.name) && known(group)
    ? { kind: 'user-assigned-identity', name: `${group.toLowerCase()}/${identity.name.toLowerCase()}` }
    : { kind: 'user-assigned-identity', notComparable: `its identity (${written}) has a name or resource group known only after apply` };
}

/** The owner as the tenant names it: object ID, or ARM ID (lower case). */
function exactOwner(live: LiveFederatedCredential): string {
  return live.owner.kind === 'application' ? live.owner.id : live.owner.id.toLowerCase();
}

/** The owner as code names it: display name, or `<group>/<name>` (lower case). */
function namedOwner(live: LiveFederatedCredential): string {
  return live.owner.kind === 'application'
    ? (live.owner.displayName ?? `\u0000${live.owner.id}`).toLowerCase()
    : `${live.owner.resourceGroup}/${live.owner.name}`.toLowerCase();
}

/** The owners the exports list, by exact and by named key: every application of the list; every identity with a credential. */
function coveredOwners(live: LiveFederatedCredentials, credentials: readonly LiveFederatedCredential[]): Set<string> {
  const covered = new Set<string>();
  for (const application of live.applications?.items ?? []) {
    covered.add(`application\u0000${application.id}`);
    if (application.displayName !== undefined) covered.add(`application\u0000${application.displayName.toLowerCase()}`);
  }
  for (const l of credentials) {
    covered.add(`${l.owner.kind}\u0000${exactOwner(l)}`);
    covered.add(`${l.owner.kind}\u0000${namedOwner(l)}`);
  }
  return covered;
}

/** Whether a declared credential known only in part may be this live one: every part it knows is the same. */
function couldBe(d: DeclaredTrust, l: LiveFederatedCredential): boolean {
  if (d.ownerKind !== undefined && d.ownerKind !== l.owner.kind) return false;
  if (d.ownerId !== undefined && d.ownerId !== exactOwner(l)) return false;
  if (d.ownerName !== undefined && d.ownerName !== namedOwner(l)) return false;
  if (d.issuer !== undefined && d.issuer !== l.issuer) return false;
  if (d.flexible !== (l.claimsMatchingExpression !== undefined)) return false;
  return d.subject === undefined || d.subject === (l.subject ?? l.claimsMatchingExpression!.trim());
}

// Kind, owner and issuer hold no NUL; the subject comes last, so no two keys are the same text.
function trustKey(kind: OwnerKind, owner: string, issuer: string, flexible: boolean, subject: string): string {
  return `${kind}\u0000${owner}\u0000${issuer}\u0000${flexible ? 'expression' : 'subject'}\u0000${flexible ? subject.trim() : subject}`;
}

function liveKey(live: LiveFederatedCredential, owner: string): string {
  const flexible = live.claimsMatchingExpression !== undefined;
  return trustKey(live.owner.kind, owner, live.issuer, flexible, flexible ? live.claimsMatchingExpression! : live.subject!);
}

