import { UsageError } from '../errors.js'

/**
 * Parses `--labels k=v[,k=v]` (repeatable) as python-magnumclient does: a comma-separated part
 * without `=` continues the previous value, so `--labels a=1,2,b=3` is `{ a: '1,2', b: '3' }`.
 */
export function parseLabels(values: readonly string[] | undefined): Record<string, string> | undefined {
  if (!values || values.length === 0) return undefined
  const labels: Record<string, string> = {}
  let last: string | undefined
  for (const part of values.flatMap((v) => v.split(','))) {
    const eq = part.indexOf('=')
    if (eq > 0) {
      last = part.slice(0, eq).trim()
      labels[last] = part.slice(eq + 1).trim()
    } else if (last !== undefined && part.trim()) {
      labels[last] = `${labels[last]},${part.trim()}`
    } else if (part.trim()) {
      throw new UsageError(
        `--labels: "${part}" is not key=value (example: --labels kube_tag=v1.30.0,flannel_backend=vxlan)`,
      )
    }
  }
  return labels
}

/** A whole number from an option, or a usage error naming the option. */
export function parseCount(option: string, value: unknown, minimum = 0): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < minimum)
    throw new UsageError(`${option} must be a whole number ≥ ${minimum} (got "${String(value)}")`)
  return n
}

/** The object without its undefined fields: an option not given is a field not sent. */
export function definedOnly<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as Partial<T>
}
