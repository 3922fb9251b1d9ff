import { ConfigError, OpenStackError } from '@magnum-ts/auth'
import { ClusterConfigExistsError } from '@magnum-ts/core'

/** Wrong command line: exit code 2 with the usage hint. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** Exit codes like the openstack CLI's habits: 0 ok, 1 cloud or API error, 2 usage or validation. */
export function exitCodeFor(error: unknown): number {
  // Files in the way of `cluster config` are the user's to resolve (--force or --dir): usage.
  if (
    error instanceof UsageError ||
    error instanceof ConfigError ||
    error instanceof ClusterConfigExistsError
  )
    return 2
  if (error instanceof OpenStackError) {
    const status = (error as { status?: number }).status
    return status === 400 ? 2 : 1
  }
  return 1
}
