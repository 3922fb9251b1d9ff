import { InvalidParameterValueError, type MagnumValidationError } from '../errors.js'

/** Checks `node_count` or `master_count` (unset is fine: 1 is used): an integer ≥ 1. */
export function validateNodeCount(
  value: unknown,
  field: 'node_count' | 'master_count' | string,
): MagnumValidationError | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    return new InvalidParameterValueError({
      field,
      message: `${field} ${String(value)} is not valid, expecting an integer of at least 1`,
      fix: `set ${field} to 1 or more (delete the cluster to remove every node)`,
    })
  }
  return undefined
}

/**
 * Resolves `create_timeout`: unset, null or 0 → 60 minutes (Magnum's default); otherwise a
 * non-negative integer number of minutes.
 */
export function resolveCreateTimeout(value: unknown): { value: number } | { error: MagnumValidationError } {
  if (value === undefined || value === null || value === 0) return { value: 60 }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    return {
      error: new InvalidParameterValueError({
        field: 'create_timeout',
        message: `create_timeout ${String(value)} is not valid, expecting a whole number of minutes ≥ 0`,
        fix: 'give the stack creation timeout in minutes, or 0 / leave it unset for 60',
      }),
    }
  }
  return { value }
}

/** More than one master needs a load balancer in front of the API (Magnum's check, same message). */
export function validateMasterLb(
  masterCount: number,
  masterLbEnabled: boolean,
): MagnumValidationError | undefined {
  if (masterCount > 1 && !masterLbEnabled) {
    return new InvalidParameterValueError({
      field: 'master_count',
      message: 'master_count must be 1 when master_lb_enabled is False',
      fix: 'set master_count to 1, or use a cluster template (or cluster) with master_lb_enabled=true',
    })
  }
  return undefined
}
