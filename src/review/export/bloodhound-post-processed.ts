import { projectKind } from './project-kind';

/**
 * The Azure edge kinds BloodHound computes itself after ingest (post-processing): it deletes and
 * recomputes them from the collected graph, so an upload that carries them loses them at the next
 * analysis. From SpecterOps/BloodHound, `packages/go/analysis/azure/post.go`,
 * `PostProcessedRelationships()` (read, not copied), with `AZRoleApprover`, which newer versions
 * compute in `analysis/azure/role_approver.go`, and `AZAddOwner`, which the issue names among
 * them (BloodHound's edge documentation says it is created during post-processing).
 */
const POST_PROCESSED: ReadonlySet<string> = new Set([
  'AZAddMembers',
  'AZAddOwner',
  'AZAddSecret',
  'AZExecuteCommand',
  'AZGlobalAdmin',
  'AZMGAddMember',
  'AZMGAddOwner',
  'AZMGAddSecret',
  'AZMGGrantAppRoles',
  'AZMGGrantRole',
  'AZPrivilegedAuthAdmin',
  'AZPrivilegedRoleAdmin',
  'AZResetPassword',
  'AZRoleApprover',
  'SyncedToADUser',
]);

/** Whether BloodHound computes this edge kind itself after ingest. */
export function isPostProcessedEdgeKind(kind: string): boolean {
  return POST_PROCESSED.has(kind);
}

/** The kinds BloodHound computes after ingest, sorted: for tests and documentation. */
export function postProcessedEdgeKinds(): string[] {
  return [...POST_PROCESSED].sort();
}

/**
 * The kind to upload an edge as: BloodHound's own, unless BloodHound computes that kind itself
 * (then this project's, `AZA_AddOwner` for `AZAddOwner`), so what the review found survives
 * BloodHound's next analysis and is never mistaken for what BloodHound computed.
 */
export function uploadableEdgeKind(kind: string): string {
  return isPostProcessedEdgeKind(kind) ? projectKind(kind.replace(/^AZ/, '')) : kind;
}
