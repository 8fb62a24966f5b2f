import { GraphScope } from './graph-types';
import { ScopeLevel } from '../../model/scope-level';

/** `the whole tenant (/)`, `administrative unit HR`: how findings and chains name a directory scope. */
export function describeDirectoryScope(scope: GraphScope): string {
  if (scope.level === ScopeLevel.ROOT) return 'the whole tenant (/)';
  if (scope.level === ScopeLevel.RESOURCE_GROUP) return `administrative unit ${scope.name ?? scope.value}`;
  if (scope.level === ScopeLevel.RESOURCE) return `directory object ${scope.name ?? scope.value}`;
  return `a directory scope that cannot be read (${scope.value}; unknown counts as the whole tenant)`;
}
