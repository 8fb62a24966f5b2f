import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';

/**
 * Inputs that once turned the review into a pass: each hides an Owner grant at a subscription
 * behind something the reader failed on (a parser crash, a module it gave up on, a `__proto__`
 * key). Written fresh into a directory; the test suite runs them in-process and `.ci/run` runs
 * them as processes (scripts/check-hostile-corpus.ts): a gate that answers 0 to any is broken.
 */
export interface HostileCase {
  readonly name: string;
  /** What the case is, as issue 26 saw it. */
  readonly description: string;
  /** The directory to give the command, relative to the corpus root. */
  readonly input: string;
  /**
   * What `check` must answer: 2 when the input cannot be read whole (the file and the reason on
   * standard error), 1 when it is read and the Owner grant is found.
   */
  readonly checkExit: 1 | 2;
  /** A text `check` must print (standard error for exit 2, standard output for exit 1). */
  readonly mustSay: string;
}

const SUBSCRIPTION = '/subscriptions/00000000-0000-0000-0000-0000000000aa';
const PRINCIPAL = '00000000-0000-0000-0000-0000000000bb';

const OWNER_GRANT = `resource "azurerm_role_assignment" "owner" {
  scope                = "${SUBSCRIPTION}"
  role_definition_name = "Owner"
  principal_id         = "${PRINCIPAL}"
}
`;

function nestedList(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

/** A root that calls four modules: three nest `scope` `depth` levels deep, the fourth holds the Owner grant. */
function deepModules(root: string, dir: string, depth: number): void {
  for (const name of ['a', 'b', 'c']) {
    write(root, `${dir}/modules/${name}/main.tf`, `resource "azurerm_role_assignment" "x" {
  scope                = ${nestedList(depth)}
  role_definition_name = "Reader"
  principal_id         = "${PRINCIPAL}"
}
`);
  }
  write(root, `${dir}/modules/d/main.tf`, OWNER_GRANT);
  write(root, `${dir}/main.tf`, ['a', 'b', 'c', 'd'].map((m) => `module "${m}" {\n  source = "./modules/${m}"\n}\n`).join('\n'));
}

/** Writes every case under `root` and returns them. */
export function writeHostileCorpus(root: string): HostileCase[] {
  deepModules(root, 'deep-3000', 3000);
  deepModules(root, 'deep-1000', 1000);

  write(root, 'deep-locals/main.tf', `${OWNER_GRANT}\nmodule "settings" {\n  source = "./modules/settings"\n}\n`);
  write(root, 'deep-locals/modules/settings/main.tf', `locals {\n  matrix = ${nestedList(2000)}\n}\n`);

  // module "m1" calls m2, ... m34 holds the grant: a deep chain, not a cycle.
  for (let i = 1; i <= 34; i++) {
    const next = i < 34 ? `module "m${i + 1}" {\n  source = "./m${i + 1}"\n}\n` : OWNER_GRANT;
    write(root, `module-chain/${Array.from({ length: i }, (_, k) => `m${k + 1}`).join('/')}/main.tf`, next);
  }
  write(root, 'module-chain/main.tf', 'module "m1" {\n  source = "./m1"\n}\n');

  write(root, 'merge-proto/main.tf', `resource "azurerm_role_assignment" "this" {
  for_each             = merge({ "__proto__" = "Owner" })
  scope                = "${SUBSCRIPTION}"
  role_definition_name = each.value
  principal_id         = "${PRINCIPAL}"
}
`);

  write(root, 'merge-proto-tfvars/main.tf', `variable "roles" {
  type = map(string)
}

resource "azurerm_role_assignment" "this" {
  for_each             = merge(var.roles, {})
  scope                = "${SUBSCRIPTION}"
  role_definition_name = each.value
  principal_id         = "${PRINCIPAL}"
}
`);
  write(root, 'merge-proto-tfvars/terraform.tfvars', 'roles = {\n  "__proto__" = "Owner"\n}\n');

  const deepMessage = 'nests more than 256 levels deep';
  return [
    { name: 'deep-3000', description: 'three modules nest a scope 3,000 levels deep beside an Owner grant', input: 'deep-3000', checkExit: 2, mustSay: deepMessage },
    { name: 'deep-1000', description: 'the same at 1,000 levels', input: 'deep-1000', checkExit: 2, mustSay: deepMessage },
    { name: 'deep-locals', description: 'a module\'s locals hold a 2,000-deep list beside an Owner grant', input: 'deep-locals', checkExit: 2, mustSay: deepMessage },
    { name: 'module-chain', description: 'a chain of 34 modules whose last holds Owner', input: 'module-chain', checkExit: 1, mustSay: 'holds "Owner"' },
    { name: 'merge-proto', description: 'for_each = merge({ "__proto__" = "Owner" })', input: 'merge-proto', checkExit: 1, mustSay: 'holds "Owner"' },
    { name: 'merge-proto-tfvars', description: 'merge(var.roles, {}) with a __proto__ key in tfvars', input: 'merge-proto-tfvars', checkExit: 1, mustSay: 'holds "Owner"' },
  ];
}
