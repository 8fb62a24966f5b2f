import { PlanChange } from '../reader/source-document';

// `module.app.` or `module.app["blue"].` or `module.app[0].`, one module call at a time.
const MODULE_STEP = /^module\.[^.[\]]+(?:\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?\./;

/**
 * The address the plan reader gives a resource change's block: a child module's
 * `module.app.azurerm_role_assignment.reader[0]` is declared as
 * `azurerm_role_assignment.module.app.reader[0]` (see planSourceDocument). Undefined for data sources.
 */
export function documentAddressOf(change: PlanChange): string | undefined {
  let rest = change.address;
  let modulePrefix = '';
  for (let step = MODULE_STEP.exec(rest); step !== null; step = MODULE_STEP.exec(rest)) {
    modulePrefix += step[0];
    rest = rest.slice(step[0].length);
  }
  const typePrefix = `${change.type}.`;
  return rest.startsWith(typePrefix) ? `${change.type}.${modulePrefix}${rest.slice(typePrefix.length)}` : undefined;
}
