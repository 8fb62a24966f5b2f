// Generated from data/access-intents.json by scripts/render-access-intents.ts.
// Do not edit: change the data, then run `npm run generate:access-intents`.
/* eslint-disable */

/**
 * A job a workload does on a resource, for `identity.grantOn(resource, access)`: each picks the
 * least-privileged built-in role for that job on the resource's type.
 */
export enum Access {
  /**
   * Read the contents of Key Vault secrets.
   *
   * Role: Key Vault Secrets User (`4633458b-17de-408a-b874-0445c86b69e6`), on `azurerm_key_vault`, `azurerm_key_vault_secret`.
   * @see https://learn.microsoft.com/azure/key-vault/general/rbac-guide
   */
  SECRETS_READ = "SECRETS_READ",
  /**
   * Use Key Vault keys for cryptographic operations (encrypt, decrypt, sign, verify, wrap, unwrap) and read their public parts. Key material never leaves the vault.
   *
   * Role: Key Vault Crypto User (`12338af0-0e69-4776-bea7-57ae8d297424`), on `azurerm_key_vault`, `azurerm_key_vault_key`.
   * @see https://learn.microsoft.com/azure/key-vault/general/rbac-guide
   */
  KEYS_READ = "KEYS_READ",
  /**
   * Read the contents of Key Vault certificates.
   *
   * Role: Key Vault Certificate User (`db79e9a7-68ee-4b58-9aeb-b90e7c24fcba`), on `azurerm_key_vault`, `azurerm_key_vault_certificate`.
   * @see https://learn.microsoft.com/azure/key-vault/general/rbac-guide
   */
  CERTIFICATES_READ = "CERTIFICATES_READ",
  /**
   * Read and list blobs and their containers.
   *
   * Role: Storage Blob Data Reader (`2a2b9908-6ea1-4ae2-8e65-a410df84e7d1`), on `azurerm_storage_account`, `azurerm_storage_container`.
   * @see https://learn.microsoft.com/azure/storage/blobs/assign-azure-role-data-access
   */
  BLOBS_READ = "BLOBS_READ",
  /**
   * Read, write and delete blobs (the narrowest built-in role that writes blobs, and it cannot change access control).
   *
   * Role: Storage Blob Data Contributor (`ba92f5b4-2d11-453d-a403-e96b0029c9fe`), on `azurerm_storage_account`, `azurerm_storage_container`.
   * @see https://learn.microsoft.com/azure/storage/blobs/assign-azure-role-data-access
   */
  BLOBS_WRITE = "BLOBS_WRITE",
  /**
   * Add messages to Storage queues.
   *
   * Role: Storage Queue Data Message Sender (`c6a89b2d-59bc-44d0-9896-0f6e12d7b80a`), on `azurerm_storage_account`, `azurerm_storage_queue`.
   * @see https://learn.microsoft.com/azure/storage/queues/assign-azure-role-data-access
   */
  QUEUE_SEND = "QUEUE_SEND",
  /**
   * Peek, receive and delete messages of Storage queues.
   *
   * Role: Storage Queue Data Message Processor (`8a0f0c08-91a1-4084-bc3d-661d67233fed`), on `azurerm_storage_account`, `azurerm_storage_queue`.
   * @see https://learn.microsoft.com/azure/storage/queues/assign-azure-role-data-access
   */
  QUEUE_RECEIVE = "QUEUE_RECEIVE",
  /**
   * Pull images and other artifacts from a container registry.
   *
   * Role: AcrPull (`7f951dda-4ed3-4680-a7ca-43fe172d538d`), on `azurerm_container_registry`.
   * @see https://learn.microsoft.com/azure/container-registry/container-registry-roles
   */
  IMAGES_PULL = "IMAGES_PULL",
  /**
   * Push and pull images and other artifacts of a container registry.
   *
   * Role: AcrPush (`8311e382-0749-4cb8-b61a-304f252e45ec`), on `azurerm_container_registry`.
   * @see https://learn.microsoft.com/azure/container-registry/container-registry-roles
   */
  IMAGES_PUSH = "IMAGES_PUSH",
  /**
   * Read key-values of an App Configuration store.
   *
   * Role: App Configuration Data Reader (`516239f1-63e1-4d78-a4de-a74fb236a071`), on `azurerm_app_configuration`.
   * @see https://learn.microsoft.com/azure/azure-app-configuration/concept-enable-rbac
   */
  CONFIGURATION_READ = "CONFIGURATION_READ",
  /**
   * Send messages to Service Bus queues and topics.
   *
   * Role: Azure Service Bus Data Sender (`69a216fc-b8fb-44d8-bc22-1f3c2cd27a39`), on `azurerm_servicebus_namespace`, `azurerm_servicebus_queue`, `azurerm_servicebus_topic`.
   * @see https://learn.microsoft.com/azure/service-bus-messaging/authenticate-application
   */
  SERVICE_BUS_SEND = "SERVICE_BUS_SEND",
  /**
   * Receive messages from Service Bus queues and topic subscriptions (at a topic: from all its subscriptions).
   *
   * Role: Azure Service Bus Data Receiver (`4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0`), on `azurerm_servicebus_namespace`, `azurerm_servicebus_queue`, `azurerm_servicebus_topic`.
   * @see https://learn.microsoft.com/azure/service-bus-messaging/authenticate-application
   */
  SERVICE_BUS_RECEIVE = "SERVICE_BUS_RECEIVE",
  /**
   * Send events to event hubs.
   *
   * Role: Azure Event Hubs Data Sender (`2b629674-e913-4c01-ae53-ef4638d8f975`), on `azurerm_eventhub_namespace`, `azurerm_eventhub`.
   * @see https://learn.microsoft.com/azure/event-hubs/authorize-access-azure-active-directory
   */
  EVENT_HUBS_SEND = "EVENT_HUBS_SEND",
  /**
   * Receive (consume) events from event hubs.
   *
   * Role: Azure Event Hubs Data Receiver (`a638d3c7-ab3a-418d-83e6-5f17a39d4fde`), on `azurerm_eventhub_namespace`, `azurerm_eventhub`.
   * @see https://learn.microsoft.com/azure/event-hubs/authorize-access-azure-active-directory
   */
  EVENT_HUBS_RECEIVE = "EVENT_HUBS_RECEIVE",
}

/** One row of the table: the role an access is granted as, and where it applies. */
export interface AccessIntent {
  readonly roleId: string;
  readonly roleName: string;
  /** The azurerm types (resources and data sources) the role grants something on. */
  readonly resourceTypes: readonly string[];
  readonly source: string;
}

/** The table of data/access-intents.json (version 2026-12-06). */
export const ACCESS_INTENTS: ReadonlyMap<Access, AccessIntent> = new Map<Access, AccessIntent>([
  [Access.SECRETS_READ, {"roleId":"4633458b-17de-408a-b874-0445c86b69e6","roleName":"Key Vault Secrets User","resourceTypes":["azurerm_key_vault","azurerm_key_vault_secret"],"source":"https://learn.microsoft.com/azure/key-vault/general/rbac-guide"}],
  [Access.KEYS_READ, {"roleId":"12338af0-0e69-4776-bea7-57ae8d297424","roleName":"Key Vault Crypto User","resourceTypes":["azurerm_key_vault","azurerm_key_vault_key"],"source":"https://learn.microsoft.com/azure/key-vault/general/rbac-guide"}],
  [Access.CERTIFICATES_READ, {"roleId":"db79e9a7-68ee-4b58-9aeb-b90e7c24fcba","roleName":"Key Vault Certificate User","resourceTypes":["azurerm_key_vault","azurerm_key_vault_certificate"],"source":"https://learn.microsoft.com/azure/key-vault/general/rbac-guide"}],
  [Access.BLOBS_READ, {"roleId":"2a2b9908-6ea1-4ae2-8e65-a410df84e7d1","roleName":"Storage Blob Data Reader","resourceTypes":["azurerm_storage_account","azurerm_storage_container"],"source":"https://learn.microsoft.com/azure/storage/blobs/assign-azure-role-data-access"}],
  [Access.BLOBS_WRITE, {"roleId":"ba92f5b4-2d11-453d-a403-e96b0029c9fe","roleName":"Storage Blob Data Contributor","resourceTypes":["azurerm_storage_account","azurerm_storage_container"],"source":"https://learn.microsoft.com/azure/storage/blobs/assign-azure-role-data-access"}],
  [Access.QUEUE_SEND, {"roleId":"c6a89b2d-59bc-44d0-9896-0f6e12d7b80a","roleName":"Storage Queue Data Message Sender","resourceTypes":["azurerm_storage_account","azurerm_storage_queue"],"source":"https://learn.microsoft.com/azure/storage/queues/assign-azure-role-data-access"}],
  [Access.QUEUE_RECEIVE, {"roleId":"8a0f0c08-91a1-4084-bc3d-661d67233fed","roleName":"Storage Queue Data Message Processor","resourceTypes":["azurerm_storage_account","azurerm_storage_queue"],"source":"https://learn.microsoft.com/azure/storage/queues/assign-azure-role-data-access"}],
  [Access.IMAGES_PULL, {"roleId":"7f951dda-4ed3-4680-a7ca-43fe172d538d","roleName":"AcrPull","resourceTypes":["azurerm_container_registry"],"source":"https://learn.microsoft.com/azure/container-registry/container-registry-roles"}],
  [Access.IMAGES_PUSH, {"roleId":"8311e382-0749-4cb8-b61a-304f252e45ec","roleName":"AcrPush","resourceTypes":["azurerm_container_registry"],"source":"https://learn.microsoft.com/azure/container-registry/container-registry-roles"}],
  [Access.CONFIGURATION_READ, {"roleId":"516239f1-63e1-4d78-a4de-a74fb236a071","roleName":"App Configuration Data Reader","resourceTypes":["azurerm_app_configuration"],"source":"https://learn.microsoft.com/azure/azure-app-configuration/concept-enable-rbac"}],
  [Access.SERVICE_BUS_SEND, {"roleId":"69a216fc-b8fb-44d8-bc22-1f3c2cd27a39","roleName":"Azure Service Bus Data Sender","resourceTypes":["azurerm_servicebus_namespace","azurerm_servicebus_queue","azurerm_servicebus_topic"],"source":"https://learn.microsoft.com/azure/service-bus-messaging/authenticate-application"}],
  [Access.SERVICE_BUS_RECEIVE, {"roleId":"4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0","roleName":"Azure Service Bus Data Receiver","resourceTypes":["azurerm_servicebus_namespace","azurerm_servicebus_queue","azurerm_servicebus_topic"],"source":"https://learn.microsoft.com/azure/service-bus-messaging/authenticate-application"}],
  [Access.EVENT_HUBS_SEND, {"roleId":"2b629674-e913-4c01-ae53-ef4638d8f975","roleName":"Azure Event Hubs Data Sender","resourceTypes":["azurerm_eventhub_namespace","azurerm_eventhub"],"source":"https://learn.microsoft.com/azure/event-hubs/authorize-access-azure-active-directory"}],
  [Access.EVENT_HUBS_RECEIVE, {"roleId":"a638d3c7-ab3a-418d-83e6-5f17a39d4fde","roleName":"Azure Event Hubs Data Receiver","resourceTypes":["azurerm_eventhub_namespace","azurerm_eventhub"],"source":"https://learn.microsoft.com/azure/event-hubs/authorize-access-azure-active-directory"}],
]);
