/** How one grant, eligibility or activation policy differs between two versions of the code. */
export enum ChangeKind {
  ADDED = 'added',
  REMOVED = 'removed',
  SCOPE_WIDENED = 'scope-widened',
  SCOPE_NARROWED = 'scope-narrowed',
  ROLE_MORE_PRIVILEGED = 'role-more-privileged',
  ROLE_LESS_PRIVILEGED = 'role-less-privileged',
  /** Was an eligibility (activated through PIM), is now held standing. */
  STANDING_WHERE_ELIGIBLE = 'standing-where-eligible',
  /** Was held standing, is now an eligibility: an improvement. */
  ELIGIBLE_WHERE_STANDING = 'eligible-where-standing',
  ACTIVATION_LONGER = 'activation-longer',
  ACTIVATION_SHORTER = 'activation-shorter',
  /** The same grant destroyed and created again (a renamed construct, or a replacement in a plan): access drops during apply. */
  RECREATED = 'recreated',
}

/** Every kind, in the order reports list them: what widens access first. */
export const CHANGE_KINDS: readonly ChangeKind[] = [
  ChangeKind.STANDING_WHERE_ELIGIBLE,
  ChangeKind.SCOPE_WIDENED,
  ChangeKind.ROLE_MORE_PRIVILEGED,
  ChangeKind.ACTIVATION_LONGER,
  ChangeKind.ADDED,
  ChangeKind.RECREATED,
  ChangeKind.REMOVED,
  ChangeKind.SCOPE_NARROWED,
  ChangeKind.ROLE_LESS_PRIVILEGED,
  ChangeKind.ACTIVATION_SHORTER,
  ChangeKind.ELIGIBLE_WHERE_STANDING,
];
