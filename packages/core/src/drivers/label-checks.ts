import type { Labels } from '../models/common.js'
import type { Problem } from './problem.js'

// Small checks drivers compose in their `validate`. Each returns a Problem naming the label
// (`labels.<key>`) and the accepted values, or undefined when the label is unset or fine.

/** The label, when set, must be one of `allowed`. */
export function labelOneOf(labels: Labels, key: string, allowed: readonly string[]): Problem | undefined {
  const value = labels[key]
  if (value === undefined || allowed.includes(value)) return undefined
  return {
    field: `labels.${key}`,
    message: `Label ${key}=${value} is not supported, expecting one of ${allowed.join(', ')}`,
    fix: `set ${key} to one of ${allowed.join(', ')}, or remove the label for the default`,
  }
}

/** Splits a comma-separated label value into its non-empty items. */
export function labelList(labels: Labels, key: string): string[] | undefined {
  const value = labels[key]
  if (value === undefined) return undefined
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}

/** The label, when set, must be a comma-separated list of items from `allowed`. */
export function labelSubsetOf(labels: Labels, key: string, allowed: readonly string[]): Problem | undefined {
  const unknown = (labelList(labels, key) ?? []).filter((item) => !allowed.includes(item))
  if (unknown.length === 0) return undefined
  return {
    field: `labels.${key}`,
    message: `Label ${key} has unsupported value(s) ${unknown.join(', ')}`,
    fix: `use a comma-separated list of ${allowed.join(', ')}`,
  }
}

/** The label, when set, must be `true` or `false`. */
export function labelBoolean(labels: Labels, key: string): Problem | undefined {
  const value = labels[key]
  if (value === undefined || value === 'true' || value === 'false') return undefined
  return {
    field: `labels.${key}`,
    message: `Label ${key}=${value} is not a boolean`,
    fix: `set ${key} to "true" or "false"`,
  }
}

/** The label, when set, must be a whole number ≥ `min`. */
export function labelInteger(labels: Labels, key: string, min = 0): Problem | undefined {
  const value = labels[key]
  if (value === undefined || (/^\d+$/.test(value) && Number(value) >= min)) return undefined
  return {
    field: `labels.${key}`,
    message: `Label ${key}=${value} is not a whole number ≥ ${min}`,
    fix: `set ${key} to a whole number of at least ${min}`,
  }
}

/** The label, when set, must hold a JSON object. */
export function labelJsonObject(labels: Labels, key: string): Problem | undefined {
  const value = labels[key]
  if (value === undefined) return undefined
  try {
    const parsed: unknown = JSON.parse(value)
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return undefined
  } catch {
    // fall through to the problem below
  }
  return {
    field: `labels.${key}`,
    message: `Label ${key} is not a JSON object: ${value}`,
    fix: `give ${key} as a JSON object, e.g. {"KEY": "value"}`,
  }
}
