import { AZURERM_ID_FORMATS } from '../reader/values/azurerm-id-formats.generated';

// `/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Automation/automationAccounts/{}`: a resource of a group, one type deep.
const TOP_LEVEL = /^\/subscriptions\/\{\}\/resourceGroups\/\{\}\/providers\/([^/]+\/[^/]+)\/\{\}$/;

let byArmType: Map<string, string> | undefined;

/**
 * The azurerm type of a resource known only by its ARM type (`Microsoft.Automation/automationAccounts`
 * is `azurerm_automation_account`), read from the provider's own ID formats. Where several share
 * it, the shortest name, then the first in name order: the resource itself rather than a part
 * written beside it (`azurerm_app_service`, not `azurerm_app_service_source_control`;
 * `azurerm_kubernetes_cluster`; `azurerm_virtual_machine`, which every path that runs code on VMs
 * names with its Linux and Windows forms). Undefined for a type the formats do not give one level deep.
 */
export function terraformTypeOfArm(armType: string): string | undefined {
  if (byArmType === undefined) {
    byArmType = new Map();
    const order = ([a]: [string, string], [b]: [string, string]) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
    for (const [type, format] of [...AZURERM_ID_FORMATS].sort(order)) {
      const arm = TOP_LEVEL.exec(format)?.[1].toLowerCase();
      if (arm !== undefined && !byArmType.has(arm)) byArmType.set(arm, type);
    }
  }
  return byArmType.get(armType.toLowerCase());
}
