import { declaredAccessOf } from './declared-access';
import { LiveAssignment, LiveExports } from './live-types';
import { matchDeclared } from './match-declared';
import { PrincipalDirectory } from './principal-directory';
import { AccessGraph } from '../graph/access-graph';
import { TenantEdges } from '../graph/graph-types';

/**
 * What the live tenant holds that the code does not declare, as edges to overlay on the code's
 * graph: the standing role assignments no declared grant matches (matched as `audit` matches
 * them, so a grant the code declares is never counted twice), and the managed identities of the
 * export with the resource each belongs to. Eligibilities of the tenant are not overlaid yet:
 * they are `audit`'s findings only.
 */
export function tenantEdgesOf(live: LiveExports, code: AccessGraph): TenantEdges {
  const directory = new PrincipalDirectory(live);
  const { unmatchedLive } = matchDeclared(declaredAccessOf(code), live.assignments.items, directory);
  return edgesOf(unmatchedLive, live, directory);
}

/** Everything the live tenant holds, as edges of a graph of its own: what `audit` finds the tenant's own escalations in. */
export function allTenantEdges(live: LiveExports, directory: PrincipalDirectory): TenantEdges {
  return edgesOf(live.assignments.items, live, directory);
}

function edgesOf(assignments: readonly LiveAssignment[], live: LiveExports, directory: PrincipalDirectory): TenantEdges {
  return {
    assignments: assignments.filter((a) => a.kind === 'standing').map((a) => {
      const name = directory.displayNameOf(a.principalId);
      return {
        at: { file: a.file, place: a.place },
        id: a.id,
        principalId: a.principalId,
        ...(a.principalType === undefined ? {} : { principalType: a.principalType }),
        ...(name === undefined ? {} : { principalName: name }),
        roleDefinitionId: a.roleDefinitionId,
        ...(a.roleName === undefined ? {} : { roleName: a.roleName }),
        scope: a.scope,
        ...(a.condition === undefined ? {} : { condition: a.condition }),
      };
    }),
    identities: (live.managedIdentities?.items ?? []).flatMap((i) => (i.resourceId === undefined || i.assignment === undefined ? [] : [{
      at: { file: i.file, place: i.place },
      objectId: i.id.toLowerCase(),
      name: i.displayName,
      kind: i.assignment,
      resourceId: i.resourceId,
    }])),
  };
}
