import { LiveAssignment } from './live-types';

/** Terraform JSON with one `import` block per unmanaged standing assignment. */
export interface ImportBlocks {
  readonly '//': string;
  readonly 'import': { readonly to: string; readonly id: string }[];
}

const COMMENT = 'Written by azure-access audit --emit-imports. Run terraform plan -generate-config-out=generated.tf to write '
  + 'the azurerm_role_assignment blocks these imports need, review generated.tf, then apply. Eligibilities are not imported here.';

/** `Key Vault Secrets User` and `id-contoso-app` become `key_vault_secrets_user_id_contoso_app`. */
function terraformName(...parts: string[]): string {
  const name = parts.map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '')).filter((p) => p !== '').join('_');
  // A Terraform name starts with a letter or an underscore.
  return /^[a-z_]/.test(name) ? name : `assignment_${name}`;
}

/**
 * Import blocks for the unmanaged standing assignments (Terraform 1.5+), named after role and
 * principal; a name that repeats gets `_2`, `_3`, ... in the order of the assignment IDs, so
 * the same audit always writes the same file.
 */
export function importBlocks(unmanaged: LiveAssignment[]): ImportBlocks {
  const standing = unmanaged.filter((a) => a.kind === 'standing').sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const used = new Set<string>();
  // The last suffix each name got: every smaller one is taken, and stays taken, so the next
  // search starts there instead of at 2 (one principal with 10,000 Reader grants is 10,000 names).
  const lastSuffix = new Map<string, number>();
  const blocks = standing.map((a) => {
    const base = terraformName(a.roleName ?? a.roleGuid ?? 'role', a.principalDisplayName ?? a.principalName ?? a.principalId);
    let name = base;
    let n = lastSuffix.get(base) ?? 1;
    while (used.has(name)) name = `${base}_${++n}`;
    lastSuffix.set(base, n);
    used.add(name);
    return { to: `azurerm_role_assignment.${name}`, id: a.id };
  });
  return { '//': COMMENT, 'import': blocks.sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0)) };
}
