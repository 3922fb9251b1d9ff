import { ApiError } from '../server/api-error.js'

/** Heat's 400 for a template, parameter or environment it refuses (`StackValidationFailed`). */
export function validationFailed(message: string): ApiError {
  return new ApiError(400, message, 'StackValidationFailed')
}

/** A resource action failed: the message becomes the resource's status reason. */
export class ResourceFailure extends Error {
  readonly kind: string
  /** Resource names from the failing stack down to the resource that failed (nested stacks). */
  readonly path: string[]
  constructor(kind: string, message: string, path: string[] = []) {
    super(message)
    this.name = 'ResourceFailure'
    this.kind = kind
    this.path = path
  }
}
