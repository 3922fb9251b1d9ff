import { OpenStackError } from './errors.js'

/** A name or id matched nothing. Names what was searched and, when known, what exists. */
export class ResourceNotFoundError extends OpenStackError {
  readonly resource: string
  readonly searched: string
  readonly available: string[] | undefined
  constructor(args: { resource: string; searched: string; available?: string[]; hint?: string }) {
    const listing = args.available ? ` Available: ${formatList(args.available)}.` : ''
    super(
      'RESOURCE_NOT_FOUND',
      `No ${args.resource} with id or name "${args.searched}".${listing}${args.hint ? ` Fix: ${args.hint}` : ''}`,
    )
    this.resource = args.resource
    this.searched = args.searched
    this.available = args.available
  }
}

/** A name matched several resources; lists them so the caller can pass an id instead. */
export class AmbiguousResourceError extends OpenStackError {
  /** A conflict, as Magnum answers a duplicate name (409). */
  readonly status = 409
  readonly resource: string
  readonly searched: string
  readonly matches: { id: string; name: string }[]
  constructor(args: { resource: string; searched: string; matches: { id: string; name: string }[] }) {
    super(
      'RESOURCE_AMBIGUOUS',
      `${args.matches.length} ${args.resource}s are named "${args.searched}" (${args.matches
        .map((m) => m.id)
        .join(', ')}). Fix: use the id of the one you mean.`,
    )
    this.resource = args.resource
    this.searched = args.searched
    this.matches = args.matches
  }
}

/** The request needs a newer microversion than the cloud (or the session's pin) offers. */
export class MicroversionUnsupportedError extends OpenStackError {
  readonly service: string
  readonly required: string
  readonly available: string | undefined
  constructor(args: { service: string; required: string; available: string | undefined; feature: string }) {
    super(
      'MICROVERSION_UNSUPPORTED',
      `${args.feature} needs ${args.service} microversion ${args.required} or later, but this session uses ${
        args.available ?? 'none (the cloud advertises no microversions)'
      }. Fix: upgrade the cloud, raise the session's microversion pin, or choose another option.`,
    )
    this.service = args.service
    this.required = args.required
    this.available = args.available
  }
}

/** An option has a value the call cannot send; names the option and the fix. */
export class InvalidOptionError extends OpenStackError {
  readonly option: string
  constructor(option: string, problem: string, fix: string) {
    super('INVALID_OPTION', `${option}: ${problem}. Fix: ${fix}`)
    this.option = option
  }
}

function formatList(values: string[]): string {
  if (values.length === 0) return '(none)'
  const shown = values.slice(0, 20).map((v) => `"${v}"`)
  return values.length > 20 ? `${shown.join(', ')} and ${values.length - 20} more` : shown.join(', ')
}
