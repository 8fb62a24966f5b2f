// Generated from data/modules-without-access.json by scripts/render-modules-without-access.ts.
// Do not edit: change the data, then run `npx ts-node --transpile-only scripts/render-modules-without-access.ts`.
/* eslint-disable */

import type { ModuleWithoutAccess } from './module-without-access';

/** Where the list came from. */
export const MODULES_WITHOUT_ACCESS_SOURCE = {"file":"data/modules-without-access.json","version":"2026-12-07","modules":4};

/** Registry modules whose source was read and found to hold no access: not reading them hides none. */
export const MODULES_WITHOUT_ACCESS: ModuleWithoutAccess[] = [
  {"source":"Azure/naming/azurerm","repository":"Azure/terraform-azurerm-naming","commit":"755223b75f1b4c243ccc6a961ad21870729e4cee","why":"It builds resource names from its inputs. Its only resources are two random_string suffixes; it reads no data source and calls no module."},
  {"source":"Azure/avm-utl-regions/azurerm","repository":"Azure/terraform-azurerm-avm-utl-regions","commit":"9064b20bc601af2754cea78f25f7b6e22858ef24","why":"It lists Azure regions: read with a GET of the subscription's locations (data azapi_resource_action, data azapi_client_config) or from its local module modules/cached-data, which has outputs only. Its resources are the Azure Verified Modules telemetry (random_uuid, modtm_telemetry)."},
  {"source":"Azure/regions/azurerm","repository":"Azure/terraform-azurerm-regions","commit":"c7112cededac70193a940189cfdf7ac38dd7490e","why":"It lists Azure regions, the predecessor of avm-utl-regions: read with a GET of the subscription's locations and the compute provider (data azapi_resource_action), the caller's client (data azurerm_client_config), or cached JSON files (data local_file). It declares no resource and calls no module."},
  {"source":"github.com/microsoft/terraform-azurerm-environment-configuration","repository":"microsoft/terraform-azurerm-environment-configuration","commit":"d018708f332ce14fa739286a84b77801f457d1b9","why":"It maps an Azure environment (public, usgovernment) to private link and service endpoint DNS suffixes: locals, variables and outputs only, no resource, data source or module call."},
];
