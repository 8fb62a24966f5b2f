import { entryAt, expectStrings, expectType, guid, optionalText } from './export-shape';
import { ExportKind, readExportText } from './export-stream';
import { LiveApplicationFederatedCredentials, LiveFederatedCredential, LiveFederatedCredentialOwner, LiveExport } from './live-types';
import { InputError } from '../reader/input-error';
import { expectArray, expectRecord, expectString, JsonRecord, pointerTo } from '../reader/shape-check';

const CREDENTIAL_TYPE = 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials';

/** A user-assigned identity's credential: its identity is the parent of its ARM ID. ARM writes `resourcegroups` in either case. */
const IDENTITY_CREDENTIAL_ID = /^(\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.managedidentity\/userassignedidentities\/([^/]+))\/federatedidentitycredentials\/[^/]+$/i;

/**
 * Microsoft Graph `GET /v1.0/applications?$select=id,appId,displayName&$expand=federatedIdentityCredentials`
 * (beta for flexible credentials' `claimsMatchingExpression`): every application with the
 * outside workloads it trusts. Graph documents `$expand` for the relationship, and an application
 * holds at most 20 federated credentials, as many as `$expand` lists: the export holds all of them.
 */
export const APPLICATION_FEDERATED_CREDENTIALS: ExportKind<LiveApplicationFederatedCredentials> = {
  what: 'a Microsoft Graph applications list with $expand=federatedIdentityCredentials',
  shape: 'pages',
  read(file, place, value, shared) {
    const { entry, at } = entryAt(file, place, value, 'an application');
    const id = shared(guid(file, at('id'), entry.id));
    const appId = shared(guid(file, at('appId'), entry.appId));
    const displayName = optionalText(file, at('displayName'), entry.displayName);
    const owner: LiveFederatedCredentialOwner = { kind: 'application', id, appId, ...(displayName === undefined ? {} : { displayName: shared(displayName) }) };
    // Without the expansion there is nothing to read: refused, never read as an application that trusts no one.
    const list = expectArray(file, at('federatedIdentityCredentials'), entry.federatedIdentityCredentials,
      'an array (the application\'s federated credentials: export with $expand=federatedIdentityCredentials)');
    return {
      file,
      place,
      id,
      appId,
      ...(displayName === undefined ? {} : { displayName: owner.displayName }),
      credentials: list.map((item, index) => applicationCredentialAt(file, pointerTo(at('federatedIdentityCredentials'), index), item, owner, shared)),
    };
  },
};

/** One federated credential of an application, as Graph writes it (AzureHound's collection too). */
export function applicationCredentialAt(file: string, place: string, value: unknown, owner: LiveFederatedCredentialOwner,
  shared: (text: string) => string): LiveFederatedCredential {
  const credential = entryAt(file, place, value, 'a federated identity credential');
  return {
    ...trustOf(file, credential.entry, credential.at, shared),
    file,
    place,
    id: guid(file, credential.at('id'), credential.entry.id),
    name: expectString(file, credential.at('name'), credential.entry.name),
    owner,
  };
}

/**
 * `az identity federated-credential list --identity-name <name> --resource-group <rg> -o json`
 * (the credential's properties at the top: az flattens them), or ARM's own list
 * (`az rest --url .../userAssignedIdentities/<name>/federatedIdentityCredentials?api-version=2023-01-31`:
 * a page, the properties under `properties`): the outside workloads a user-assigned identity trusts.
 * Which identity is read from each credential's ARM ID.
 */
export const IDENTITY_FEDERATED_CREDENTIALS: ExportKind<LiveFederatedCredential> = {
  what: 'the output of "az identity federated-credential list -o json"',
  shape: 'pages',
  read(file, place, value, shared) {
    const { entry, at } = entryAt(file, place, value, 'a federated identity credential');
    expectType(file, at('type'), entry.type, CREDENTIAL_TYPE);
    const id = expectString(file, at('id'), entry.id);
    const parent = IDENTITY_CREDENTIAL_ID.exec(id);
    if (parent === null) {
      throw new InputError(file, 'expected the ID of a user-assigned identity\'s federated credential '
        + `("/subscriptions/<id>/resourceGroups/<group>/providers/${CREDENTIAL_TYPE.replace('/federatedIdentityCredentials', '')}/<identity>/federatedIdentityCredentials/<name>"), got ${JSON.stringify(id)}`, at('id'));
    }
    const properties = entry.properties === undefined ? undefined : expectRecord(file, at('properties'), entry.properties, 'an object (the credential\'s properties)');
    const trust = properties === undefined ? trustOf(file, entry, at, shared) : trustOf(file, properties, (key) => pointerTo(at('properties'), key), shared);
    return {
      ...trust,
      file,
      place,
      id,
      name: expectString(file, at('name'), entry.name),
      owner: {
        kind: 'user-assigned-identity',
        id: shared(parent[1]),
        subscriptionId: shared(parent[2]),
        resourceGroup: shared(parent[3]),
        name: shared(parent[4]),
      },
    };
  },
};

/** Reads an applications-with-federated-credentials export from its text. */
export function parseApplicationFederatedCredentials(file: string, text: string): LiveExport<LiveApplicationFederatedCredentials> {
  return readExportText(file, text, APPLICATION_FEDERATED_CREDENTIALS);
}

/** Reads a user-assigned identity's federated credential list from its text. */
export function parseIdentityFederatedCredentials(file: string, text: string): LiveExport<LiveFederatedCredential> {
  return readExportText(file, text, IDENTITY_FEDERATED_CREDENTIALS);
}

/** Every federated credential of the applications export, in its order: the applications' own lists, one after another. */
export function applicationFederatedCredentials(exported: LiveExport<LiveApplicationFederatedCredentials>): LiveFederatedCredential[] {
  return exported.items.flatMap((application) => application.credentials);
}

/**
 * What a credential trusts: the issuer, and one subject or (a flexible credential) an expression
 * subjects are matched by, never both and never neither (Graph and ARM refuse either); the
 * audiences and description as written.
 */
function trustOf(file: string, entry: JsonRecord, at: (key: string) => string, shared: (text: string) => string):
Pick<LiveFederatedCredential, 'issuer' | 'subject' | 'claimsMatchingExpression' | 'audiences' | 'description'> {
  const subject = optionalText(file, at('subject'), entry.subject);
  const expression = expressionOf(file, at('claimsMatchingExpression'), entry.claimsMatchingExpression);
  if ((subject === undefined) === (expression === undefined)) {
    throw new InputError(file, `expected a subject or a claimsMatchingExpression (one of them), got ${subject === undefined ? 'neither' : 'both'}`, at(subject === undefined ? 'subject' : 'claimsMatchingExpression'));
  }
  const description = optionalText(file, at('description'), entry.description);
  return {
    issuer: shared(expectString(file, at('issuer'), entry.issuer)),
    ...(subject === undefined ? {} : { subject }),
    ...(expression === undefined ? {} : { claimsMatchingExpression: expression }),
    audiences: expectStrings(file, at('audiences'), entry.audiences).map(shared),
    ...(description === undefined ? {} : { description }),
  };
}

/** `claimsMatchingExpression`: `{ "value": "claims['sub'] matches '...'", "languageVersion": 1 }`; the expression is its value. */
function expressionOf(file: string, place: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const expression = expectRecord(file, place, value, 'an object (claimsMatchingExpression)');
  return expectString(file, pointerTo(place, 'value'), expression.value);
}
