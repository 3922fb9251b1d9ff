import type { WireObject } from './common.js'

/** `dnsNameserver` → `dns_nameserver`: Magnum's wire names are the camelCase names in snake_case. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
}

/**
 * Copies the listed fields of a model to a wire object, renaming them to snake_case. Undefined
 * fields are left out (Magnum omits unset attributes); `null` is kept because it means "no value".
 */
export function pickToWire<T extends object>(model: T, fields: readonly (keyof T & string)[]): WireObject {
  const wire: WireObject = {}
  for (const field of fields) {
    const value = model[field]
    if (value !== undefined) wire[snakeCase(field)] = value
  }
  return wire
}

/** The inverse of `pickToWire`: reads the snake_case names of the listed camelCase fields. */
export function pickFromWire(wire: WireObject, fields: readonly string[]): Record<string, unknown> {
  const model: Record<string, unknown> = {}
  for (const field of fields) {
    const value = wire[snakeCase(field)]
    if (value !== undefined) model[field] = value
  }
  return model
}
