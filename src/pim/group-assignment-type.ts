/** What a PIM for Groups assignment makes the principal: a member or an owner of the group. */
export enum GroupAssignmentType {
  /** Member of the group: holds whatever the group holds. */
  MEMBER = 'member',
  /** Owner of the group: can change its membership, so can hand its access to anyone. */
  OWNER = 'owner',
}
