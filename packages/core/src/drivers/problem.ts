import { InvalidParameterValueError, type MagnumStatus, MagnumValidationError } from '../errors.js'

/**
 * One thing a driver's `validate` found wrong with a template or cluster. `field` is Magnum's wire
 * name (`network_driver`, `labels.flannel_backend`, …) and `fix` tells the caller what to do.
 */
export interface Problem {
  field: string
  message: string
  fix: string
  /** A stable machine-readable code; `INVALID_PARAMETER_VALUE` when unset. */
  code?: string
  /** The HTTP status Magnum answers with; 400 when unset. */
  status?: MagnumStatus
}

/** Turns a driver's Problem into the typed error the API layer throws. */
export function problemToError(problem: Problem): MagnumValidationError {
  const details = { field: problem.field, message: problem.message, fix: problem.fix }
  const code = problem.code ?? 'INVALID_PARAMETER_VALUE'
  if (problem.status === undefined || problem.status === 400)
    return new InvalidParameterValueError(details, code)
  return new MagnumValidationError(code, problem.status, details)
}
