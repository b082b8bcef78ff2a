/**
 * AWS's "coral" validation wording, shared by services that report missing members this way
 * (SNS, EventBridge): a lower-camel path where list items and map values add `.member`.
 */
import type { PathSeg } from '../service-model.js';

export function coralMemberPath(path: PathSeg[]): string {
  return path
    .map((s) => {
      if (typeof s === 'number') return `${s}.member`;
      if (typeof s === 'object') return `${s.key}.member`;
      return s.charAt(0).toLowerCase() + s.slice(1);
    })
    .join('.');
}

export function coralMissingMessage(path: PathSeg[]): string {
  return `1 validation error detected: Value null at '${coralMemberPath(path)}' failed to satisfy constraint: Member must not be null`;
}
