import { RuleId } from '../../model/rule-id';
import { ScopeLevel } from '../../model/scope-level';
import { Severity } from '../../model/severity';
import { resourceProviderOf } from '../../model/terraform-types';
import { describePrincipal } from '../../review/graph/describe-principal';
import { shownScope } from '../../review/graph/describe-scope';
import { GraphScope } from '../../review/graph/graph-types';
import { parseReference } from '../../review/reference';
import { Role } from '../../roles/role';
import { RoleCatalog } from '../../roles/role-catalog';
import { parseArmId } from '../../scope/arm-id';
import { Rule } from '../rule';

/**
 * AZA018: a built-in role whose data actions all belong to another resource provider than the
 * resource it is granted on (Key Vault Secrets User on a storage account). Azure accepts the
 * assignment; it grants nothing, and the mistake shows only when the workload is denied. Only
 * resource scopes of a known provider and built-in roles are judged: at a resource group or
 * wider a data role reaches the resources of its provider inside, and a custom role's intent is
 * its author's.
 */
export const dataRoleElsewhere: Rule = {
  id: RuleId.DATA_ROLE_ELSEWHERE,
  title: 'Data-plane role on a resource of another provider',
  defaultSeverity: Severity.ERROR,
  description:
    'A built-in role whose data actions belong to another resource provider than the resource it is granted on: the assignment is accepted and grants nothing there.',
  fix: 'Grant the data role of the resource\'s own provider (the message names some), or grant this role on a resource of its provider.',
  check: (graph) =>
    graph.grants.flatMap((g) => {
      const role = g.role.role;
      if (!role?.isBuiltIn || g.scope.level !== ScopeLevel.RESOURCE) return [];
      const providers = dataProvidersOf(role);
      const scopeProvider = providerOfScope(g.scope);
      if (providers.size === 0 || scopeProvider === undefined || providers.has(scopeProvider.toLowerCase())) return [];
      const fitting = rolesOfProvider(scopeProvider);
      return [{
        origin: g.origin,
        message:
          `${describePrincipal(g.principal)} holds "${role.name}" at ${shownScope(g.scope)}, a ${scopeProvider} resource, ` +
          `but its data actions are ${[...providers].join(', ')} operations: it grants nothing there.`,
        fix: `Grant a data role of ${scopeProvider} instead${fitting.length ? ` (for example ${fitting.map((r) => `"${r}"`).join(', ')})` : ''}, or grant "${role.name}" on a resource of its own provider.`,
      }];
    }),
};

/** The providers (lower case) a role's data actions belong to: `Microsoft.KeyVault/vaults/secrets/...` is microsoft.keyvault. */
function dataProvidersOf(role: Role): Set<string> {
  return new Set(role.permissions.flatMap((p) => p.dataActions ?? []).map((action) => action.split('/')[0].toLowerCase()).filter((ns) => ns !== '*'));
}

/** The provider of a resource scope: from a literal ARM ID, or from the Terraform type it references. */
function providerOfScope(scope: GraphScope): string | undefined {
  if (!scope.value.includes('${')) {
    try {
      const sections = parseArmId(scope.value).providers;
      return sections?.[sections.length - 1]?.namespace;
    } catch {
      return undefined;
    }
  }
  const reference = parseReference(scope.value);
  return reference ? resourceProviderOf(reference.type) : undefined;
}

const byProvider = new Map<string, string[]>();

/** Read-only built-in data roles of a provider first, three at most: what to suggest instead. */
function rolesOfProvider(provider: string): string[] {
  const key = provider.toLowerCase();
  let names = byProvider.get(key);
  if (names === undefined) {
    names = RoleCatalog.builtIn().roles
      .filter((r) => {
        const providers = dataProvidersOf(r);
        return providers.size === 1 && providers.has(key);
      })
      .sort((a, b) => Number(b.isReadOnly) - Number(a.isReadOnly) || a.name.localeCompare(b.name))
      .slice(0, 3)
      .map((r) => r.name);
    byProvider.set(key, names);
  }
  return names;
}
