import { CliIo } from './cli-io';
import { LIVE_EXPORT_OPTIONS, readLiveExports } from './live-exports';
import { graphOf } from './load-graph';
import { ParsedArgs } from './parse-args';
import { LiveExport, LiveExports, NotReviewed } from '../review/audit/live-types';
import type * as TenantEdgesModule from '../review/audit/tenant-edges';
import type { SameEdges } from '../review/escalation/chain-diff';
import type * as TargetsNotListedModule from '../review/escalation/targets-not-listed';
import { AccessGraph, SuppressionsByAddress } from '../review/graph/access-graph';
import { SourceDocument } from '../review/reader/source-document';

/** The options that give `check`, `report` and `diff` the live tenant, as `audit` takes them: each once per file. */
export const LIVE_OPTIONS: string[] = [...LIVE_EXPORT_OPTIONS];

export const LIVE_HELP = `The tenant as it is (the same exports as audit, each once per file): the code is reviewed on top
of what the tenant holds, and a path that needs both says which steps are "in the tenant, not in this code":
  --live-assignments FILE   az role assignment list --all -o json (required with any export below)
  --live-eligibility FILE   ARM roleEligibilitySchedules list: PIM eligibilities of Azure roles
  --apps FILE               Microsoft Graph applications (names an owned application's appId)
  --identities FILE         Microsoft Graph managed-identity servicePrincipals
  --live-directory-roles FILE   Microsoft Graph roleManagement/directory/roleAssignments
  --live-directory-eligibility FILE   Microsoft Graph roleManagement/directory/roleEligibilitySchedules
  --live-app-roles FILE     Microsoft Graph's own appRoleAssignedTo: its application permissions
  --live-group-members FILE Microsoft Graph groups with $expand=members: who is in which group
  --live-owners FILE        Microsoft Graph applications, servicePrincipals or groups with $expand=owners
  --live-group-eligibility FILE   PIM for Groups eligibilitySchedules: membership or ownership after activation
  --live-group-assignments FILE   PIM for Groups assignmentSchedules: membership or ownership held now
  --app-federated-credentials FILE, --identity-federated-credentials FILE   federated credentials: read,
                            and named on standard error as not reviewed here (audit compares them)
  --azurehound FILE         AzureHound's collection (azurehound list -o FILE ...), instead of or beside
                            the exports above: its Azure role assignments, managed identities, Entra
                            directory roles, applications, Graph permissions, group members and
                            owners are read (the same item in both is one); what else it holds is
                            named on standard error, with its count, as not reviewed
`;

/* eslint-disable @typescript-eslint/no-require-imports */
// The tenant's edges load only when a command is given exports: most reviews have none.
const tenantEdges = () => require('../review/audit/tenant-edges') as typeof TenantEdgesModule;
const targetsNotListed = () => require('../review/escalation/targets-not-listed') as typeof TargetsNotListedModule;
/* eslint-enable @typescript-eslint/no-require-imports */

/** The live exports the command was given, read and checked; undefined without any. What they hold that is not reviewed is said on standard error. */
export async function readLiveTenant(command: string, args: ParsedArgs, io: CliIo): Promise<LiveExports | undefined> {
  const live = readLiveExports(command, args, io);
  // Read before anything is written, and said before the review: what the tenant holds that this review did not look at.
  for (const part of [...live?.notReviewed ?? [], ...trustsNotFollowed(live)]) {
    io.stderr(`azure-access ${command}: ${part.file}: ${part.count} ${part.kind} item${part.count === 1 ? '' : 's'} not reviewed `
      + '(what they grant is not part of this review)\n');
  }
  return live;
}

/**
 * The tenant's federated credentials: audit compares them with the code's (AUD014), but reach
 * does not follow a workload outside the tenant yet, so these commands name them as not reviewed:
 * one line an export (an identity's credentials come one file an identity, thousands of them).
 */
function trustsNotFollowed(live: LiveExports | undefined): NotReviewed[] {
  const applications = live?.applicationFederatedCredentials;
  const identities = live?.identityFederatedCredentials;
  const kind = 'federated credential (audit compares them with the code: AUD014)';
  const line = (exported: LiveExport<unknown>, count: number): NotReviewed[] => {
    if (count === 0) return [];
    const files = exported.parts?.length ?? 1;
    return [{ file: files === 1 ? exported.file : `${exported.file} and ${files - 1} more file${files === 2 ? '' : 's'}`, kind, count }];
  };
  return [
    ...(applications === undefined ? [] : line(applications, applications.items.reduce((n, a) => n + a.credentials.length, 0))),
    ...(identities === undefined ? [] : line(identities, identities.items.length)),
  ];
}

/**
 * Said on standard error once the graph is on the tenant: the directory roles and Graph
 * permissions whose reach over the tenant's objects no export lists (targets-not-listed.ts).
 */
export function tellTargetsNotListed(command: string, graph: AccessGraph, live: LiveExports | undefined, io: CliIo): void {
  if (live === undefined) return;
  const { targetsNotListed: notListed, describeTargetsNotListed } = targetsNotListed();
  for (const t of notListed(graph)) io.stderr(`azure-access ${command}: ${t.file}: ${describeTargetsNotListed(t)}\n`);
}

/**
 * The code's graph, with the live tenant's edges beside it when there are exports: the
 * assignments the code does not declare and the managed identities on their resources.
 */
export function graphOnTenant(sources: SourceDocument[], live: LiveExports | undefined, suppressions?: SuppressionsByAddress,
  base?: AccessGraph): AccessGraph {
  if (live === undefined) return graphOf(sources, suppressions);
  const graph = graphOf(sources, suppressions, { forTenant: true });
  graph.addTenant(tenantEdges().tenantEdgesOf(live, graph, base));
  return graph;
}

/** For a diff on top of the tenant: the assignments the change adopts, the same edge on both sides. */
export function adoptedOnTenant(live: LiveExports, base: AccessGraph, head: AccessGraph): SameEdges {
  return tenantEdges().adoptedEdges(live, base, head);
}
