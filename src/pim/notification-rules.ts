/** Which notifications a recipient gets. */
export enum PimNotificationLevel {
  /** Every notification. */
  ALL = 'All',
  /** Only the critical ones. */
  CRITICAL = 'Critical',
}

/** Who is told, and how much. */
export interface PimNotificationSettings {
  /** Every notification, or only the critical ones. */
  readonly level: PimNotificationLevel;
  /**
   * Whether the default recipients (the admins, approvers or assignee the event concerns) are told.
   * @default true
   */
  readonly defaultRecipients?: boolean;
  /**
   * More email addresses to tell, e.g. a security mailbox.
   * @default - none
   */
  readonly additionalRecipients?: string[];
}

/** The notifications of one kind of event, by recipient role. */
export interface PimNotificationTarget {
  /**
   * What the administrators are told.
   * @default - unchanged
   */
  readonly admin?: PimNotificationSettings;
  /**
   * What the approvers are told.
   * @default - unchanged
   */
  readonly approver?: PimNotificationSettings;
  /**
   * What the principal the event concerns is told.
   * @default - unchanged
   */
  readonly assignee?: PimNotificationSettings;
}

/** Notifications of a role's PIM events at a scope. */
export interface PimNotificationRules {
  /** When someone is made active in the role. @default - unchanged */
  readonly activeAssignments?: PimNotificationTarget;
  /** When an eligible member activates the role. @default - unchanged */
  readonly eligibleActivations?: PimNotificationTarget;
  /** When someone is made eligible for the role. @default - unchanged */
  readonly eligibleAssignments?: PimNotificationTarget;
}
