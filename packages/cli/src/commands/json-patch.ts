import { UsageError } from '../errors.js'
import { parseLabels } from './labels.js'

export const PATCH_OPS = ['add', 'replace', 'remove'] as const
export type PatchOp = (typeof PATCH_OPS)[number]

/** One RFC 6902 operation, as python-magnumclient sends it. */
export interface PatchOperation {
  op: PatchOp
  path: string
  value?: unknown
}

/**
 * `update NAME OP PATH=VALUE…` → a JSON Patch, as python-magnumclient builds it: a leading `/`
 * is added to each path; for add and replace the text after the first `=` is JSON when it parses
 * (`3`, `true`, `null`, `["a"]`, `{"k":"v"}`) and a plain string otherwise; `labels=k=v,k2=v2`
 * becomes a labels object; remove takes bare paths.
 */
export function parsePatch(op: string, attributes: readonly string[]): PatchOperation[] {
  if (!(PATCH_OPS as readonly string[]).includes(op)) {
    throw new UsageError(
      `unknown operation "${op}": use add, replace or remove (example: replace node_count=3)`,
    )
  }
  if (attributes.length === 0) {
    throw new UsageError(
      op === 'remove'
        ? 'remove needs at least one PATH (example: remove labels/kube_tag)'
        : `${op} needs at least one PATH=VALUE (example: ${op} labels/kube_tag=v1.30.0)`,
    )
  }
  return attributes.map((attribute) => {
    if (op === 'remove') {
      if (attribute.includes('=')) {
        throw new UsageError(
          `remove takes bare paths, not "${attribute}" (example: remove ${attribute.split('=')[0]})`,
        )
      }
      return { op, path: normalisePath(attribute) }
    }
    const eq = attribute.indexOf('=')
    if (eq < 0) {
      throw new UsageError(
        `"${attribute}" is not PATH=VALUE (example: ${op} node_count=3 or ${op} labels/key=value)`,
      )
    }
    const path = normalisePath(attribute.slice(0, eq))
    const raw = attribute.slice(eq + 1)
    return { op: op as PatchOp, path, value: path === '/labels' ? labelsValue(raw) : deserialize(raw) }
  })
}

function normalisePath(path: string): string {
  const p = path.startsWith('/') ? path : `/${path}`
  if (p === '/' || p.endsWith('/'))
    throw new UsageError(`"${path}" is not a path (example: node_count or labels/key)`)
  return p
}

/** JSON when the text parses as JSON, else the text itself (python-magnumclient's rule). */
export function deserialize(raw: string): unknown {
  try {
    return JSON.parse(raw)
  } catch {
    return raw
  }
}

/** `labels=k=v,k2=v2` or `labels={"k":"v"}`: a labels object either way. */
function labelsValue(raw: string): Record<string, string> {
  const json = deserialize(raw)
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) return stringValues(json)
  if (raw.trim() === '') return {}
  return parseLabels([raw]) ?? {}
}

function stringValues(object: object): Record<string, string> {
  return Object.fromEntries(
    Object.entries(object).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  )
}

/** How a field's patch value is converted and checked. `any` passes the value through untouched. */
export type FieldKind = 'string' | 'integer' | 'boolean' | 'labels' | 'list' | 'any' | readonly string[]

export interface PatchField {
  /** The model's camelCase name. */
  field: string
  kind: FieldKind
  /** Magnum refuses `remove` on it. */
  removable?: boolean
  /** What `remove` sets (Magnum's default for the field); unset when absent. */
  default?: unknown
}

/** Wire name (`node_count`) → field; plus the paths that exist but cannot change. */
export interface PatchSchema {
  /** `cluster template` or `cluster`, for messages. */
  what: string
  fields: Readonly<Record<string, PatchField>>
  /** Paths Magnum refuses to change at all (ids, timestamps), with the fix to show. */
  readOnly?: Readonly<Record<string, string>>
}

/** One operation with its path resolved to a model field and its value converted. */
export interface TypedChange {
  op: PatchOp
  wire: string
  field: PatchField
  /** For `labels/KEY` paths. */
  labelKey?: string
  value?: unknown
}

/**
 * Resolves each path to a field and converts each value, before anything is asked of the cloud.
 * An unknown path or a value of the wrong type is a UsageError naming the path and the fix.
 */
export function typePatch(operations: readonly PatchOperation[], schema: PatchSchema): TypedChange[] {
  return operations.map((operation) => {
    const parts = operation.path.slice(1).split('/')
    const wire = parts[0]!
    const field = schema.fields[wire]
    const readOnly = schema.readOnly?.[wire]
    if (readOnly !== undefined) throw new UsageError(`${operation.path} cannot be changed: ${readOnly}`)
    if (!field || parts.length > 2 || (parts.length === 2 && field.kind !== 'labels')) {
      throw new UsageError(
        `unknown ${schema.what} path "${operation.path}": use one of ${Object.keys(schema.fields).join(', ')} (or labels/KEY)`,
      )
    }
    const labelKey = parts.length === 2 ? parts[1] : undefined
    if (labelKey === '')
      throw new UsageError(`${operation.path} needs a label key (example: labels/kube_tag)`)
    if (operation.op === 'remove') {
      if (field.removable === false && labelKey === undefined) {
        throw new UsageError(`${operation.path} cannot be removed: use replace ${wire}=VALUE instead`)
      }
      return { op: operation.op, wire, field, ...(labelKey !== undefined ? { labelKey } : {}) }
    }
    const value =
      labelKey !== undefined
        ? labelValue(operation.value)
        : convert(operation.path, operation.value, field.kind)
    return { op: operation.op, wire, field, value, ...(labelKey !== undefined ? { labelKey } : {}) }
  })
}

function labelValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

const TRUE = ['true', 'yes', 'on', '1']
const FALSE = ['false', 'no', 'off', '0']

function convert(path: string, value: unknown, kind: FieldKind): unknown {
  const wire = path.slice(1)
  const wrong = (expected: string, example: string): never => {
    throw new UsageError(
      `${path} must be ${expected} (got ${JSON.stringify(value)}): for example ${wire}=${example}`,
    )
  }
  if (value === null) return undefined
  if (Array.isArray(kind)) {
    if (typeof value !== 'string' || !kind.includes(value)) wrong(`one of ${kind.join(', ')}`, kind[0]!)
    return value
  }
  switch (kind) {
    case 'any':
      return value
    case 'string':
      if (typeof value === 'object') wrong('a string', 'VALUE')
      return String(value)
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) wrong('a whole number', '3')
      return value
    case 'boolean': {
      if (typeof value === 'boolean') return value
      const text = String(value).toLowerCase()
      if (TRUE.includes(text)) return true
      if (FALSE.includes(text)) return false
      return wrong('true or false', 'true')
    }
    case 'list':
      if (typeof value === 'string') {
        return value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      }
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value
      return wrong('a comma-separated list', '8.8.8.8,1.1.1.1')
    case 'labels':
      if (typeof value !== 'object' || Array.isArray(value)) wrong('key=value pairs', 'k1=v1,k2=v2')
      return stringValues(value as object)
  }
}

/**
 * Applies typed changes to the current object and returns the changed fields (camelCase), as
 * Magnum applies a JSON Patch: `add` sets, `replace` sets an existing member, `remove` resets
 * the field to its default. A label that is not there cannot be replaced or removed.
 */
export function changesFrom(
  changes: readonly TypedChange[],
  current: Record<string, unknown>,
): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  for (const change of changes) {
    const name = change.field.field
    if (change.labelKey === undefined) {
      result[name] = change.op === 'remove' ? structuredClone(change.field.default) : change.value
      continue
    }
    const labels = { ...((result[name] ?? current[name] ?? {}) as Record<string, string>) }
    const path = `/${change.wire}/${change.labelKey}`
    if (change.op !== 'add' && !Object.hasOwn(labels, change.labelKey)) {
      const hint = change.op === 'replace' ? `use add ${path.slice(1)}=VALUE` : 'nothing to remove'
      throw new UsageError(`${path}: there is no label "${change.labelKey}" (${hint})`)
    }
    if (change.op === 'remove') delete labels[change.labelKey]
    else labels[change.labelKey] = change.value as string
    result[name] = labels
  }
  return result
}
