import type { DriverDescriptor, DriverRules } from '../drivers/contract.js'
import type { DriverRegistry } from '../drivers/registry.js'
import {
  CoeNotSupportedError,
  InvalidParameterValueError,
  type MagnumValidationError,
  RequiredParameterMissingError,
} from '../errors.js'

/** Checks `coe`: present and served by some enabled driver; a driver's hint for retired or misspelled COEs. */
export function validateCoe(coe: unknown, registry: DriverRegistry): MagnumValidationError | undefined {
  if (coe === undefined || coe === null || coe === '') {
    return new RequiredParameterMissingError({
      field: 'coe',
      message: 'The coe field is mandatory',
      fix: `set coe to one of: ${registry.coes().join(', ') || '(no drivers installed)'}`,
    })
  }
  if (typeof coe !== 'string') {
    return new InvalidParameterValueError({
      field: 'coe',
      message: 'coe must be a string',
      fix: 'give the COE name',
    })
  }
  if (registry.forCoe(coe).length > 0) return undefined
  const installed = registry.coes()
  // A driver may answer for a retired or misspelled COE (swarm-mode for the legacy "swarm"):
  // core itself knows no COE names.
  for (const { type, driver } of registry.entries()) {
    const hint = driver.coeHints?.[coe]
    if (hint !== undefined) return new CoeNotSupportedError(coe, `use coe "${type.coe}": ${hint}`)
  }
  return new CoeNotSupportedError(
    coe,
    `use one of the installed COEs: ${installed.join(', ') || '(no drivers installed)'}`,
  )
}

/** Checks `server_type`: vm or bm (unset means vm). */
export function validateServerType(value: unknown): MagnumValidationError | undefined {
  if (value === undefined || value === 'vm' || value === 'bm') return undefined
  return new InvalidParameterValueError({
    field: 'server_type',
    message: `Server type ${String(value)} is not supported, expecting a vm/bm server type`,
    fix: 'set server_type to "vm" (Nova virtual machines) or "bm" (Ironic bare metal)',
  })
}

/**
 * The rules for a COE: the driver's own when the (server type, os, coe) driver is known, otherwise
 * the union over every driver serving the COE (the default taken from the one registered last).
 */
export function rulesFor(drivers: readonly DriverDescriptor[]): DriverRules | undefined {
  const last = drivers.at(-1)
  if (!last) return undefined
  return {
    networkDrivers: [...new Set(drivers.flatMap((d) => d.rules.networkDrivers))],
    defaultNetworkDriver: last.rules.defaultNetworkDriver,
    volumeDrivers: [...new Set(drivers.flatMap((d) => d.rules.volumeDrivers))],
  }
}

/**
 * Checks `network_driver` against the COE's rules and fills the default when unset. `defaulted`
 * tells the caller to persist the filled value, as Magnum does.
 */
export function resolveNetworkDriver(
  value: unknown,
  rules: DriverRules,
): { value: string; defaulted: boolean } | { error: MagnumValidationError } {
  if (value === undefined || value === null || value === '')
    return { value: rules.defaultNetworkDriver, defaulted: true }
  if (typeof value === 'string' && rules.networkDrivers.includes(value)) return { value, defaulted: false }
  return {
    error: new InvalidParameterValueError({
      field: 'network_driver',
      message: `Network driver type ${String(value)} is not supported, expecting a ${[...rules.networkDrivers, 'unspecified'].join('/')} network driver.`,
      fix: `set network_driver to one of ${rules.networkDrivers.join(', ')}, or leave it unset for ${rules.defaultNetworkDriver}`,
    }),
  }
}

/** Checks `volume_driver` against the COE's rules; unset stays unset. */
export function validateVolumeDriver(value: unknown, rules: DriverRules): MagnumValidationError | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'string' && rules.volumeDrivers.includes(value)) return undefined
  return new InvalidParameterValueError({
    field: 'volume_driver',
    message: `Volume driver type ${String(value)} is not supported, expecting a ${[...rules.volumeDrivers, 'unspecified'].join('/')} volume driver.`,
    fix: `set volume_driver to ${rules.volumeDrivers.join(' or ') || 'nothing'}, or leave it unset for no persistent-volume driver`,
  })
}
