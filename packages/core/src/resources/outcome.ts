import { AmbiguousResourceError, ResourceNotFoundError } from '@magnum-ts/auth'
import type { MagnumValidationError } from '../errors.js'

/** What one check found: the resolved resource, the problems with it, or both (an image without os_distro). */
export interface CheckOutcome<T> {
  value?: T
  errors: MagnumValidationError[]
}

/** How a lookup's expected failures read as Magnum errors; anything else is rethrown. */
export interface LookupErrors {
  notFound(error: ResourceNotFoundError): MagnumValidationError
  ambiguous(error: AmbiguousResourceError): MagnumValidationError
  /** Another expected failure (Glance's 403, Neutron's not-external), or undefined to rethrow. */
  other?(error: unknown): MagnumValidationError | undefined
}

/**
 * Runs one `find*` from the service packages and turns its typed lookup errors into Magnum's.
 * An unexpected failure (5xx, dropped connection) is thrown, not reported as a bad template.
 */
export async function lookup<T>(find: () => Promise<T>, errors: LookupErrors): Promise<CheckOutcome<T>> {
  try {
    return { value: await find(), errors: [] }
  } catch (error) {
    const problem =
      error instanceof ResourceNotFoundError
        ? errors.notFound(error)
        : error instanceof AmbiguousResourceError
          ? errors.ambiguous(error)
          : errors.other?.(error)
    if (problem === undefined) throw error
    return { errors: [problem] }
  }
}
