import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { AccessGraph } from '../../review/graph/access-graph';
import { describePrincipal } from '../../review/graph/describe-principal';
import { mayBeMicrosoftGraph } from '../../review/graph/graph-api';
import { GraphDirectoryObject, GraphOwnership, GraphPrincipal } from '../../review/graph/graph-types';
import { documentKeyOf } from '../../review/graph/origin';
import { PrivilegeTier } from '../../roles/privilege-tier';
import { Rule, RuleHit } from '../rule';

/** Where an object is declared: addresses repeat across files and stacks. */
function placeOf(origin: { file: string; stack?: string; address: string }): string {
  return `${documentKeyOf(origin)}\u0000${origin.address}`;
}

/**
 * What each principal holds that makes owning it privileged: tier-0 Entra roles, tier-0 Microsoft
 * Graph application permissions (of Graph or of an API that cannot be read, which may be Graph),
 * and Azure roles that can grant access. Each as the message names it, by principal key, indexed
 * once: asked per ownership, a scan of every grant was quadratic.
 */
function privilegedHoldings(graph: AccessGraph): Map<string, string[]> {
  const byPrincipal = new Map<string, string[]>();
  const add = (principal: GraphPrincipal, text: string) => {
    const list = byPrincipal.get(principal.key);
    if (list) list.push(text);
    else byPrincipal.set(principal.key, [text]);
  };
  for (const d of graph.directoryRoles) if (d.role.tier === PrivilegeTier.CONTROL_PLANE) add(d.principal, `the tier-0 Entra role "${d.role.name}"`);
  for (const p of graph.appPermissions) {
    if (p.tier === PrivilegeTier.CONTROL_PLANE && mayBeMicrosoftGraph(p.api)) add(p.principal, `the tier-0 Microsoft Graph permission "${p.name}"`);
  }
  for (const g of graph.grants) if (g.role.canGrantAccess) add(g.principal, `"${g.role.name}" at ${g.scope.value}, which can grant access`);
  return byPrincipal;
}

/** The service principal an owned application or service principal signs in as, when the document declares it. */
function ownedObject(ownership: GraphOwnership, objects: Map<string, GraphDirectoryObject>): GraphDirectoryObject | undefined {
  if (ownership.owned === undefined || (ownership.ownedKind !== 'application' && ownership.ownedKind !== 'service-principal')) return undefined;
  return objects.get(placeOf({ ...ownership.origin, address: ownership.owned }));
}

export const privilegedObjectOwner: Rule = {
  id: RuleId.PRIVILEGED_OBJECT_OWNER,
  title: 'Owner of a privileged application or service principal',
  defaultSeverity: Severity.ERROR,
  description:
    'A principal owns an application or service principal (owners arguments, azuread_application_owner) whose service principal holds a tier-0 Entra role, ' +
    'a tier-0 Microsoft Graph application permission, or an Azure role that can grant access. An owner can add a secret to what it owns and sign in as it ' +
    '(BloodHound AZAddSecret), so the owner holds all of that too. Only what this configuration declares is judged: an application whose service principal ' +
    'it does not declare, or an owned object it cannot read, is left to the reach engine.',
  fix: 'Remove the owner (manage the application through the deployment pipeline\'s identity alone, or through Application Administrator activated in PIM), ' +
    'or narrow what the service principal holds.',
  check: (graph) => {
    const objects = new Map(graph.directoryObjects.map((o) => [placeOf(o.origin), o]));
    const privileged = privilegedHoldings(graph);
    const hits: RuleHit[] = [];
    for (const ownership of graph.ownerships) {
      const owned = ownedObject(ownership, objects);
      if (owned?.principal === undefined) continue;
      const holdings = privileged.get(owned.principal.key);
      if (holdings === undefined) continue;
      const via = owned.kind === 'application' ? `, whose service principal ${describePrincipal(owned.principal)} holds` : ', which holds';
      hits.push({
        origin: ownership.origin,
        message: `${describePrincipal(ownership.owner)} owns ${owned.kind.replace('-', ' ')} ${owned.name}${via} ${holdings.join(', ')}: an owner can add a secret and sign in as it.`,
      });
    }
    return hits;
  },
};
