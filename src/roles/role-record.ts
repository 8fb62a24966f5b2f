import { RolePermission } from './role-permission';

/** What the catalog generator records for every role. */
export interface RoleRecord {
  readonly guid: string;
  readonly name: string;
  readonly description: string;
  readonly builtIn: boolean;
  readonly permissions: RolePermission[];
}
