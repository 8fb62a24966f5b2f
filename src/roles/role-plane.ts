/**
 * Which plane a role acts on. Control plane is Azure Resource Manager (create, configure,
 * delete resources); data plane is what lives inside a resource (secrets, blobs, messages).
 */
export enum RolePlane {
  /** Only control-plane `actions`. */
  CONTROL = 'control',
  /** Only `dataActions`. */
  DATA = 'data',
  /** Both `actions` and `dataActions`. */
  CONTROL_AND_DATA = 'control-and-data',
  /** No operations at all (a few built-ins are placeholders with empty permissions). */
  NONE = 'none',
}
