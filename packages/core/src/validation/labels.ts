import { InvalidParameterValueError, type MagnumValidationError } from '../errors.js'
import type { Labels } from '../models/common.js'

/**
 * Normalises labels to a string→string map. Accepts an object (numbers and booleans are turned
 * into strings, as Magnum stores them) or a string holding a JSON object (what a PATCH
 * `replace /labels` may carry). Nested values, arrays and null are refused.
 */
export function normaliseLabels(
  value: unknown,
  field = 'labels',
): { value: Labels } | { error: MagnumValidationError } {
  if (value === undefined || value === null) return { value: {} }
  let object: unknown = value
  if (typeof value === 'string') {
    try {
      object = JSON.parse(value)
    } catch {
      return { error: labelsError(field, 'is a string that is not a JSON object') }
    }
  }
  if (typeof object !== 'object' || object === null || Array.isArray(object)) {
    return { error: labelsError(field, 'must be a map of strings to strings') }
  }
  const entries: [string, string][] = []
  for (const [key, raw] of Object.entries(object)) {
    if (key.length === 0) return { error: labelsError(field, 'has an empty key') }
    if (typeof raw === 'string') entries.push([key, raw])
    else if (typeof raw === 'number' || typeof raw === 'boolean') entries.push([key, String(raw)])
    else
      return {
        error: labelsError(`${field}.${key}`, `value ${JSON.stringify(raw) ?? 'undefined'} is not a string`),
      }
  }
  // fromEntries defines own properties, so a label named "__proto__" stays a label.
  return { value: Object.fromEntries(entries) }
}

function labelsError(field: string, what: string): MagnumValidationError {
  return new InvalidParameterValueError({
    field,
    message: `Labels ${what}`,
    fix: 'give labels as a flat map of names to string values, e.g. {"kube_tag": "v1.15.7"}',
  })
}

/**
 * The labels a cluster runs with: its own when it gives any (they replace the template's, as in
 * Magnum), or the template's; with `mergeLabels` the cluster's are laid over the template's.
 */
export function effectiveLabels(
  templateLabels: Labels,
  clusterLabels: Labels | undefined,
  mergeLabels = false,
): Labels {
  if (clusterLabels === undefined) return { ...templateLabels }
  return mergeLabels ? { ...templateLabels, ...clusterLabels } : { ...clusterLabels }
}
