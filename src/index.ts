// The public surface of cdktf-azure-access: re-exports only.
export * from './duration';
export * from './roles/built-in-role.generated';
export * from './roles/directory-role.generated';
export * from './roles/entra-role';
export * from './roles/entra-role-catalog';
export * from './roles/role';
export * from './roles/role-catalog';
export * from './roles/role-permission';
export * from './roles/role-plane';
export * from './scope/scope';
export * from './scope/scope-level';
