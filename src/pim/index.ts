// The PIM constructs: eligibility (azurerm, azuread), activation policies, just-in-time access.
// Helpers (checks, provider blocks) live in files not listed here.
export * from './activation-rules';
export * from './active-role-assignment';
export * from './assignment-rules';
export * from './directory-role-eligibility';
export * from './eligible-role-assignment';
export * from './group-assignment-type';
export * from './group-eligibility';
export * from './just-in-time-access';
export * from './notification-rules';
export * from './pim-expiration-type';
export * from './pim-role-assignment-props';
export * from './pim-schedule';
export * from './role-activation-policy';
export * from './ticket';
