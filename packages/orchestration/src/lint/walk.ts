import { intrinsicName } from '../hot/functions.js'
import { join } from './path.js'

/** An intrinsic function call found in a document: `{ get_param: x }` at `path`. */
export interface Call {
  fn: string
  args: unknown
  /** Path of the object holding the call. */
  path: string
}

/** Every intrinsic call inside `value`, outermost first, nested calls included. */
export function findCalls(value: unknown, path: string, out: Call[] = []): Call[] {
  const name = intrinsicName(value)
  if (name) {
    const args = (value as Record<string, unknown>)[name]
    out.push({ fn: name, args, path })
    findCalls(args, join(path, name), out)
    return out
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      findCalls(v, join(path, i), out)
    })
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) findCalls(v, join(path, k), out)
  }
  return out
}

/** A plain mapping (not an array, not null). */
export function isMapping(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v)
}
