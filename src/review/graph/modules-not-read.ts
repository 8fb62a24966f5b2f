import { readLibraryMetadata, SuppressionRecord } from '../../model/metadata';
import { NOT_READ_MODULES_KEY, NotReadModule, TerraformDocument } from '../terraform-json';
import { attributeOf, nestedBlocks } from './block-values';
import { GraphModuleNotRead } from './graph-types';
import { ModuleWithoutAccess } from './module-without-access';
import { MODULES_WITHOUT_ACCESS } from './modules-without-access.generated';
import { isCallSite, isPlace } from './origin';

/** Where a module call stands, for its origin. */
export interface ModuleCallPlace {
  readonly file: string;
  readonly stack?: string;
  /** Suppressions a configuration file keys by the call's address. */
  readonly suppressionsAt: (address: string) => SuppressionRecord[] | undefined;
}

const CDKTF_CALL = 'a cdktf module call (TerraformHclModule, TerraformModule): the review reads the blocks of a stack, not the modules it calls';

/**
 * The module calls of one document that the review could not read: those the reader lists
 * (NOT_READ_MODULES_KEY: a registry module without `terraform init`, a missing directory), and
 * every module block cdktf wrote (the reader follows no call of cdktf output, and the guard reads
 * a stack before anything is installed). A call of a module listed as holding no access
 * (data/modules-without-access.json) is kept, with why, so the report still names it.
 */
export function modulesNotReadOf(document: TerraformDocument, place: ModuleCallPlace): GraphModuleNotRead[] {
  const listed = attributeOf(document, NOT_READ_MODULES_KEY);
  const notRead: GraphModuleNotRead[] = (Array.isArray(listed) ? (listed as NotReadModule[]) : [])
    .map((m) => notReadCall(m.address, m.source, m.reason, {}, place, false, m));
  const listedAddresses = new Set(notRead.map((m) => m.origin.address));
  const cdktfDocument = hasCdktfMetadata(document);
  for (const section of nestedBlocks(attributeOf(document, 'module'))) {
    for (const name of Object.keys(section)) {
      for (const body of nestedBlocks(section[name])) {
        const address = `module.${name}`;
        if (listedAddresses.has(address) || !(cdktfDocument || hasCdktfMetadata(body))) continue;
        const source = attributeOf(body, 'source');
        notRead.push(notReadCall(address, typeof source === 'string' ? source : String(source), CDKTF_CALL, body, place, true));
      }
    }
  }
  return notRead;
}

/**
 * The listed module a call's `source` names, compared without case: a registry address with or
 * without the public registry's host; a git source as its host and path, whatever the ref (every
 * tag of a listed repository was read). A subdirectory (`//modules/x`) is another module.
 */
export function moduleWithoutAccess(source: string): ModuleWithoutAccess | undefined {
  const address = source.trim().toLowerCase()
    .replace(/^registry\.terraform\.io\//, '')
    .replace(/^git::/, '').replace(/^https:\/\//, '').replace(/\?ref=[^?/]*$/, '').replace(/\.git$/, '');
  return MODULES_WITHOUT_ACCESS.find((m) => m.source.toLowerCase() === address);
}

function notReadCall(address: string, source: string, reason: string, body: Record<string, unknown>, place: ModuleCallPlace,
  cdktfCall: boolean, listed?: NotReadModule): GraphModuleNotRead {
  const meta = readLibraryMetadata(body);
  const suppressions = [...meta.suppressions, ...(place.suppressionsAt(address) ?? [])];
  const origin = {
    file: place.file,
    address,
    suppressions,
    ...(meta.constructPath === undefined ? {} : { constructPath: meta.constructPath }),
    ...(place.stack === undefined ? {} : { stack: place.stack }),
    // Where the reader found the module block, and the calls that lead to it.
    ...(listed !== undefined && isPlace(listed.declaredAt) ? { declaredAt: listed.declaredAt } : {}),
    ...(listed !== undefined && Array.isArray(listed.moduleCalls) && listed.moduleCalls.length > 0 && listed.moduleCalls.every(isCallSite)
      ? { moduleCalls: listed.moduleCalls } : {}),
  };
  const without = moduleWithoutAccess(source);
  const written = cdktfCall ? { cdktfCall } : {};
  if (without === undefined) return { origin, source, reason, ...written };
  return {
    origin,
    source,
    ...written,
    reason: `${reason}; it holds no access (${without.repository} read at ${without.commit.slice(0, 12)}: ${without.why})`,
    holdsNoAccess: without,
  };
}

function hasCdktfMetadata(body: Record<string, unknown>): boolean {
  const comment = attributeOf(body, '//');
  return typeof comment === 'object' && comment !== null && typeof attributeOf(comment as Record<string, unknown>, 'metadata') === 'object';
}

/**
 * The calls not read, one list per `module` block as declared: the instances of one block (its
 * for_each, or the instances of the module it is in) are one decision, `terraform init` or a
 * suppression, said once (AZA016, and the diff's "Not reviewed"). Only instances that agree on the
 * source, the reason and their suppressions are listed together, so a suppression of one instance
 * still covers that instance alone. A call whose declaration is not known is its own.
 */
export function instancesByCall(calls: readonly GraphModuleNotRead[]): GraphModuleNotRead[][] {
  const byDeclaration = new Map<string, GraphModuleNotRead[]>();
  for (const m of calls) {
    const at = m.origin.declaredAt;
    const key = at === undefined || at.line === undefined
      ? `address\u0000${m.origin.stack ?? ''}\u0000${m.origin.file}\u0000${m.origin.address}`
      : [m.origin.stack ?? '', m.origin.file, at.file, at.line, m.source, m.reason, JSON.stringify(m.origin.suppressions)].join('\u0000');
    const list = byDeclaration.get(key);
    if (list === undefined) byDeclaration.set(key, [m]);
    else list.push(m);
  }
  return [...byDeclaration.values()];
}
