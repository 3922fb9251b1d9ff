import type { DriverDescriptor, ValidationContext } from '../drivers/contract.js'
import { problemToError } from '../drivers/problem.js'
import type { DriverRegistry } from '../drivers/registry.js'
import type { MagnumValidationError } from '../errors.js'

/**
 * The driver whose rules apply: the one for the (server type, os distro, coe) triple when the
 * image's os_distro is known, else the only driver serving the COE, else none yet (checked again
 * once Glance has answered).
 */
export function pickDriver(
  registry: DriverRegistry,
  type: { serverType: string; coe: string; osDistro?: string | undefined },
): { driver: DriverDescriptor | undefined; error?: MagnumValidationError } {
  if (type.osDistro !== undefined) {
    try {
      return { driver: registry.get({ serverType: type.serverType, os: type.osDistro, coe: type.coe }) }
    } catch (error) {
      return { driver: undefined, error: error as MagnumValidationError }
    }
  }
  const candidates = driversFor(registry, type.coe, type.serverType)
  return { driver: candidates.length === 1 ? candidates[0] : undefined }
}

/** The enabled drivers serving a COE on a server type, whatever the os distro. */
export function driversFor(registry: DriverRegistry, coe: string, serverType: string): DriverDescriptor[] {
  const matching = registry.entries().filter((e) => e.type.coe === coe && e.type.serverType === serverType)
  return [...new Set(matching.map((e) => e.driver))]
}

/** Runs a driver's `validate` and turns its Problems into typed errors. */
export function driverErrors(
  driver: DriverDescriptor | undefined,
  ctx: ValidationContext,
): MagnumValidationError[] {
  return (driver?.validate?.(ctx) ?? []).map(problemToError)
}

/** Keeps the first error per field: core's generic check and a driver's may both flag the same field. */
export function uniqueByField(errors: readonly MagnumValidationError[]): MagnumValidationError[] {
  const seen = new Set<string>()
  return errors.filter((e) => {
    if (seen.has(e.field)) return false
    seen.add(e.field)
    return true
  })
}
