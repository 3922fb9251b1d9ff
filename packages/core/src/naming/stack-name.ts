import { shortId } from './short-id.js'

export interface StackNameOptions {
  /** The id appended to the name; a fresh `shortId()` when unset. Injected by tests. */
  id?: string
}

/** Keeps only what Heat, Nova and host names all accept: `_` and `.` become `-`, the rest is dropped. */
function sanitise(text: string): string {
  return text.replace(/[_.]/g, '-').replace(/[^A-Za-z0-9-]/g, '')
}

/**
 * The Heat stack name of a cluster: the first 30 characters of its name with `_` and `.` turned
 * into `-`, only `[A-Za-z0-9-]` kept, then `-<12-character id>`, all lower-cased.
 */
export function clusterStackName(clusterName: string, options: StackNameOptions = {}): string {
  const id = options.id ?? shortId()
  return sanitise(`${clusterName.slice(0, 30)}-${id}`).toLowerCase()
}

/** The Heat stack name of a non-default nodegroup: `<cluster name[:20]>-<nodegroup name[:9]>-<id>`, sanitised the same way. */
export function nodeGroupStackName(
  clusterName: string,
  nodeGroupName: string,
  options: StackNameOptions = {},
): string {
  const id = options.id ?? shortId()
  return sanitise(`${clusterName.slice(0, 20)}-${nodeGroupName.slice(0, 9)}-${id}`).toLowerCase()
}

/** Heat's `timeout_mins` for a create: the cluster's `create_timeout`, or 60 when it is 0, null or unset. */
export function stackTimeoutMinutes(createTimeout: number | null | undefined): number {
  return createTimeout === undefined || createTimeout === null || createTimeout === 0 ? 60 : createTimeout
}
