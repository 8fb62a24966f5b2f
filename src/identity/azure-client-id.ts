import type { TerraformResource } from 'cdktf';

/**
 * `DefaultAzureCredential` (and `ManagedIdentityCredential`) pick the user-assigned identity
 * named by the AZURE_CLIENT_ID environment variable; without it, an app with several identities
 * gets the system-assigned one or fails.
 */
export const AZURE_CLIENT_ID = 'AZURE_CLIENT_ID';

const APP_SERVICE_TYPES = new Set([
  'azurerm_linux_function_app',
  'azurerm_windows_function_app',
  'azurerm_linux_function_app_slot',
  'azurerm_windows_function_app_slot',
  'azurerm_linux_web_app',
  'azurerm_windows_web_app',
  'azurerm_linux_web_app_slot',
  'azurerm_windows_web_app_slot',
  'azurerm_function_app_flex_consumption',
]);
const CONTAINER_APP_TYPES = new Set(['azurerm_container_app', 'azurerm_container_app_job']);

interface EnvVar {
  readonly name: string;
  readonly value?: string;
}
interface Container {
  readonly env?: EnvVar[];
}
interface Template {
  readonly container?: Container[];
}

function conflict(resource: TerraformResource, where: string): Error {
  return new Error(
    `${resource.node.path}: ${where} already sets ${AZURE_CLIENT_ID} to another identity. DefaultAzureCredential can select ` +
      'only one; attach the second identity with { setAzureClientId: false } and select it in code.',
  );
}

/** Whether attaching an identity to this resource type can also set AZURE_CLIENT_ID. */
export function supportsAzureClientId(resource: TerraformResource): boolean {
  return APP_SERVICE_TYPES.has(resource.terraformResourceType) || CONTAINER_APP_TYPES.has(resource.terraformResourceType);
}

/** Sets AZURE_CLIENT_ID in App Service app settings, or in every container of a Container App. */
export function setAzureClientId(resource: TerraformResource, clientId: string): void {
  if (APP_SERVICE_TYPES.has(resource.terraformResourceType)) {
    const app = resource as unknown as { appSettingsInput?: Record<string, string>; appSettings: Record<string, string> };
    const settings = app.appSettingsInput ?? {};
    if (settings[AZURE_CLIENT_ID] !== undefined && settings[AZURE_CLIENT_ID] !== clientId) throw conflict(resource, 'app_settings');
    app.appSettings = { ...settings, [AZURE_CLIENT_ID]: clientId };
    return;
  }
  if (CONTAINER_APP_TYPES.has(resource.terraformResourceType)) {
    const app = resource as unknown as { templateInput?: Template; putTemplate(value: Template): void };
    const template = app.templateInput;
    if (!template?.container?.length) {
      throw new Error(`${resource.node.path}: the template has no container to set ${AZURE_CLIENT_ID} in.`);
    }
    const container = template.container.map((c) => {
      const env = c.env ?? [];
      const existing = env.find((e) => e.name === AZURE_CLIENT_ID);
      if (existing && existing.value !== clientId) throw conflict(resource, 'a container env');
      return existing ? c : { ...c, env: [...env, { name: AZURE_CLIENT_ID, value: clientId }] };
    });
    app.putTemplate({ ...template, container });
  }
}
