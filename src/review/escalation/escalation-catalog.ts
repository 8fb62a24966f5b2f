import { EscalationPath } from '../../roles/escalation-path';
import { ESCALATION_PATH_SOURCE, ESCALATION_PATHS } from '../../roles/escalation-paths.generated';
import { grantsOperation } from '../../roles/role-classification';
import { GraphRole } from '../graph/graph-types';

/** Where the escalation table came from (file, version, number of paths). */
export const ESCALATION_CATALOG_SOURCE = ESCALATION_PATH_SOURCE;

const BY_ID = new Map(ESCALATION_PATHS.map((p) => [p.id, p]));

/** Every path of the table, in its order (generated from data/azure-escalation-actions.json). */
export function allEscalationPaths(): readonly EscalationPath[] {
  return ESCALATION_PATHS;
}

export function escalationPathById(id: string): EscalationPath | undefined {
  return BY_ID.get(id);
}

/**
 * The paths a role of the graph opens. A role that cannot be read opens every path: unknown is
 * the wider case. Built-in roles answer from the generated catalog (`Role.escalationPaths`).
 */
export function pathsOpenedBy(role: GraphRole): EscalationPath[] {
  if (!role.role) return [...ESCALATION_PATHS];
  return role.role.escalationPaths.map((id) => BY_ID.get(id)).filter((p): p is EscalationPath => p !== undefined);
}

/**
 * The operation that opens the path for this role, to name in a finding: the first of the
 * path's actions the role grants (every action could be, for a role that cannot be read).
 */
export function openingAction(role: GraphRole, path: EscalationPath): string {
  const permissions = role.role?.permissions;
  return (permissions && path.actions.find((a) => grantsOperation(permissions, a, path.plane))) ?? path.actions[0];
}
