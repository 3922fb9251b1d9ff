import { InvalidParameterValueError, type MagnumValidationError } from '../errors.js'

/** Magnum's cluster name rule: a letter, then letters, digits, `_`, `.` or `-`. */
export const CLUSTER_NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_.-]*$/
export const CLUSTER_NAME_MAX_LENGTH = 242
export const TEMPLATE_NAME_MAX_LENGTH = 255

/**
 * Checks a cluster name (unset is fine: one is generated). Names with `_` and `.` are accepted as
 * Magnum does; server host names are derived from the normalised stack name, where both become `-`.
 */
export function validateClusterName(name: unknown, field = 'name'): MagnumValidationError | undefined {
  if (name === undefined || name === null) return undefined
  const fix = `use 1-${CLUSTER_NAME_MAX_LENGTH} characters: a letter first, then letters, digits, '_', '.' or '-' (server host names are derived from it with '_' and '.' turned into '-' and lower-cased)`
  if (typeof name !== 'string')
    return new InvalidParameterValueError({ field, message: 'Cluster name must be a string', fix })
  if (name.length === 0 || name.length > CLUSTER_NAME_MAX_LENGTH) {
    return new InvalidParameterValueError({
      field,
      message: `Cluster name is ${name.length} characters long, expecting 1 to ${CLUSTER_NAME_MAX_LENGTH}`,
      fix,
    })
  }
  if (!CLUSTER_NAME_PATTERN.test(name)) {
    return new InvalidParameterValueError({
      field,
      message: `Cluster name "${name}" is not valid: it must start with a letter and contain only letters, digits, '_', '.' and '-'`,
      fix,
    })
  }
  return undefined
}

/** Checks a cluster template or nodegroup name: 1–255 characters (unset is fine). */
export function validateTemplateName(name: unknown, field = 'name'): MagnumValidationError | undefined {
  if (name === undefined || name === null) return undefined
  if (typeof name !== 'string' || name.length === 0 || name.length > TEMPLATE_NAME_MAX_LENGTH) {
    return new InvalidParameterValueError({
      field,
      message: `Name must be a string of 1 to ${TEMPLATE_NAME_MAX_LENGTH} characters`,
      fix: 'give a non-empty name of at most 255 characters, or leave it unset to have one generated',
    })
  }
  return undefined
}
