/**
 * Builders for the intrinsic functions Magnum's templates use. Each returns the plain
 * object HOT expects, so they compose and serialise without a special type.
 */

/** Intrinsic function names this model knows about (HOT up to wallaby). */
export const INTRINSIC_FUNCTIONS = new Set([
  'get_param',
  'get_attr',
  'get_resource',
  'get_file',
  'str_replace',
  'str_replace_strict',
  'str_replace_vstrict',
  'list_join',
  'if',
  'equals',
  'not',
  'and',
  'or',
  'repeat',
  'digest',
  'map_merge',
  'map_replace',
  'yaql',
  'str_split',
  'list_concat',
  'list_concat_unique',
  'contains',
  'filter',
  'make_url',
  'resource_facade',
  'Fn::Select',
])

/** The function name when `value` is an intrinsic call (`{ get_param: x }`), else undefined. */
export function intrinsicName(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined
  const keys = Object.keys(value)
  if (keys.length !== 1) return undefined
  return INTRINSIC_FUNCTIONS.has(keys[0]!) ? keys[0] : undefined
}

/** `{ get_param: name }`, or `{ get_param: [name, ...path] }` to index into a json/list value. */
function getParam(name: string, ...path: (string | number)[]): { get_param: string | (string | number)[] } {
  return { get_param: path.length ? [name, ...path] : name }
}

/** `{ get_attr: [resource, attribute, ...path] }`. */
function getAttr(resource: string, attribute: string, ...path: (string | number)[]): { get_attr: unknown[] } {
  return { get_attr: [resource, attribute, ...path] }
}

/** `{ get_resource: name }`: the physical id of a resource in this template. */
function getResource(name: string): { get_resource: string } {
  return { get_resource: name }
}

/** `{ get_file: path }`: the content of an entry of the stack's `files` map. */
function getFile(path: string): { get_file: string } {
  return { get_file: path }
}

/** `{ str_replace: { template, params } }`. */
function strReplace(template: unknown, params: Record<string, unknown>): { str_replace: unknown } {
  return { str_replace: { template, params } }
}

/** `{ list_join: [delimiter, list, ...lists] }`. */
function listJoin(delimiter: string, ...lists: unknown[]): { list_join: unknown[] } {
  return { list_join: [delimiter, ...lists] }
}

/** `{ if: [condition, whenTrue, whenFalse] }`; `condition` is a condition name or expression. */
function ifThen(condition: unknown, whenTrue: unknown, whenFalse: unknown): { if: unknown[] } {
  return { if: [condition, whenTrue, whenFalse] }
}

/** `{ equals: [a, b] }`. */
function equals(a: unknown, b: unknown): { equals: unknown[] } {
  return { equals: [a, b] }
}

/** `{ not: condition }`. */
function not(condition: unknown): { not: unknown } {
  return { not: condition }
}

/** `{ and: [...conditions] }`. */
function and(...conditions: unknown[]): { and: unknown[] } {
  return { and: conditions }
}

/** `{ or: [...conditions] }`. */
function or(...conditions: unknown[]): { or: unknown[] } {
  return { or: conditions }
}

/** `{ repeat: { template, for_each, permutations? } }`. */
function repeat(
  template: unknown,
  forEach: Record<string, unknown>,
  options: { permutations?: boolean } = {},
): { repeat: Record<string, unknown> } {
  return {
    repeat: {
      template,
      for_each: forEach,
      ...(options.permutations === undefined ? {} : { permutations: options.permutations }),
    },
  }
}

/** The intrinsic function builders, e.g. `fn.getParam('count')`, `fn.if('has_lb', a, b)`. */
export const fn = {
  getParam,
  getAttr,
  getResource,
  getFile,
  strReplace,
  listJoin,
  if: ifThen,
  equals,
  not,
  and,
  or,
  repeat,
} as const
