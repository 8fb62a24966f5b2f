import { AppPermission } from './app-permission';
import { didYouMean } from './closest-names';
import type * as Generated from './graph-permissions.generated';

/** The records, loaded on first use: the catalog is large and most programs never look at it. */
function generated(): typeof Generated {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./graph-permissions.generated') as typeof Generated;
}

/** Microsoft Graph's application permissions, by name or app-role ID (behind `GraphPermission`). */
export class GraphPermissionCatalog {
  public static builtIn(): GraphPermissionCatalog {
    GraphPermissionCatalog.instance ??= new GraphPermissionCatalog(
      generated().GRAPH_PERMISSION_RECORDS.map((r) => AppPermission._fromGraphRecord(r)),
    );
    return GraphPermissionCatalog.instance;
  }

  private static instance?: GraphPermissionCatalog;

  public readonly permissions: AppPermission[];
  private readonly byName = new Map<string, AppPermission>();
  private readonly byId = new Map<string, AppPermission>();

  private constructor(permissions: AppPermission[]) {
    this.permissions = permissions;
    for (const permission of permissions) {
      this.byName.set(permission.name.toLowerCase(), permission);
      this.byId.set(permission.appRoleId, permission);
    }
  }

  public tryFromName(name: string): AppPermission | undefined {
    return this.byName.get(name.trim().toLowerCase());
  }

  public fromName(name: string): AppPermission {
    const permission = this.tryFromName(name);
    if (!permission) {
      throw new Error(
        `Unknown Microsoft Graph application permission "${name}".${didYouMean(name, this.permissions.map((p) => p.name))} ` +
          `Names must match one of the ${generated().GRAPH_PERMISSION_SOURCE.permissions} permissions of ${generated().GRAPH_PERMISSION_SOURCE.file} (case is ignored); ` +
          'for another API use AppPermission.forApi().',
      );
    }
    return permission;
  }

  public tryFromAppRoleId(appRoleId: string): AppPermission | undefined {
    return this.byId.get(appRoleId.trim().toLowerCase());
  }

  public fromAppRoleId(appRoleId: string): AppPermission {
    const permission = this.tryFromAppRoleId(appRoleId);
    if (!permission) {
      throw new Error(
        `No Microsoft Graph application permission has app role ID "${appRoleId}" among the ${generated().GRAPH_PERMISSION_SOURCE.permissions} of ${generated().GRAPH_PERMISSION_SOURCE.file}.`,
      );
    }
    return permission;
  }
}
