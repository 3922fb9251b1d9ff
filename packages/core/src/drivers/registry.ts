import { ClusterTypeNotSupportedError } from '../errors.js'
import type { ClusterType, DriverDescriptor } from './contract.js'

export interface DriverRegistryOptions {
  /** Driver names to ignore (Magnum's `[drivers]disabled_drivers`). */
  disabled?: readonly string[]
}

/** Drivers keyed by (server_type, os_distro, coe). */
export interface DriverRegistry<D extends DriverDescriptor = DriverDescriptor> {
  /** Adds a driver; for a triple two drivers claim, the one registered last wins. Disabled drivers are ignored. */
  register(driver: D): void
  /** The driver for a triple, or a `ClusterTypeNotSupportedError` naming it and listing what is installed. */
  get(type: ClusterType | { serverType: string; os: string; coe: string }): D
  /** The driver for a triple, or undefined. */
  find(type: { serverType: string; os: string; coe: string }): D | undefined
  /** The enabled drivers serving a COE (any server type and os). */
  forCoe(coe: string): D[]
  /** Every (triple, driver) pair, in registration order. */
  entries(): { type: ClusterType; driver: D }[]
  /** Every COE some enabled driver serves. */
  coes(): string[]
}

function key(type: { serverType: string; os: string; coe: string }): string {
  return `${type.serverType}\u0000${type.os}\u0000${type.coe}`
}

/** Creates an empty driver registry; register built-in and third-party drivers the same way. */
export function createDriverRegistry<D extends DriverDescriptor = DriverDescriptor>(
  drivers: readonly D[] = [],
  options: DriverRegistryOptions = {},
): DriverRegistry<D> {
  const disabled = new Set(options.disabled ?? [])
  const byType = new Map<string, { type: ClusterType; driver: D }>()

  const registry: DriverRegistry<D> = {
    register(driver) {
      if (disabled.has(driver.name)) return
      for (const type of driver.provides) {
        // Delete first so a re-claimed triple moves to the end, as "last registration wins" reads.
        byType.delete(key(type))
        byType.set(key(type), { type, driver })
      }
    },
    find(type) {
      // os_distro is compared case-insensitively: Glance images carry "Fedora-Atomic" as often as "fedora-atomic".
      return byType.get(key({ ...type, os: type.os.toLowerCase() }))?.driver ?? byType.get(key(type))?.driver
    },
    get(type) {
      const driver = registry.find(type)
      if (driver) return driver
      throw new ClusterTypeNotSupportedError(
        type,
        registry.entries().map((e) => `${e.type.serverType}/${e.type.os}/${e.type.coe} (${e.driver.name})`),
      )
    },
    forCoe(coe) {
      return [...new Set(registry.entries().flatMap((e) => (e.type.coe === coe ? [e.driver] : [])))]
    },
    entries() {
      return [...byType.values()]
    },
    coes() {
      return [...new Set(registry.entries().map((e) => e.type.coe))]
    },
  }
  for (const driver of drivers) registry.register(driver)
  return registry
}
