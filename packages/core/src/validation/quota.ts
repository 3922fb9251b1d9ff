import { InvalidParameterValueError, type MagnumValidationError } from '../errors.js'

/** Checks a quota body: `resource` must be `Cluster` and `hard_limit` an integer ≥ 1 (default 1). */
export function validateQuota(input: { resource?: unknown; hardLimit?: unknown }): MagnumValidationError[] {
  const errors: MagnumValidationError[] = []
  if (input.resource !== 'Cluster') {
    errors.push(
      new InvalidParameterValueError({
        field: 'resource',
        message: `Quota resource ${String(input.resource)} is not supported, expecting Cluster`,
        fix: 'set resource to "Cluster", the only resource Magnum limits',
      }),
    )
  }
  const limit = input.hardLimit
  if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)) {
    errors.push(
      new InvalidParameterValueError({
        field: 'hard_limit',
        message: `hard_limit ${String(limit)} is not valid, expecting an integer of at least 1`,
        fix: 'set hard_limit to the number of clusters the project may have (1 or more)',
      }),
    )
  }
  return errors
}

/** Checks the `type` query parameter of `GET /v1/stats`: only `cluster` exists. */
export function validateStatsType(type: unknown): MagnumValidationError | undefined {
  if (type === undefined || type === 'cluster') return undefined
  return new InvalidParameterValueError({
    field: 'type',
    message: `Invalid stats type ${String(type)}`,
    fix: 'leave type unset or set it to "cluster"',
  })
}
