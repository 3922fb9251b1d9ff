import { OpenStackError } from '@magnum-ts/auth'

/** A template or environment that cannot be read: YAML syntax, or not a mapping. */
export class TemplateError extends OpenStackError {
  /** Which document: `template`, `environment`, or a `files` key. */
  readonly source: string
  readonly line: number | undefined
  readonly column: number | undefined
  constructor(args: {
    source: string
    message: string
    line?: number | undefined
    column?: number | undefined
    cause?: unknown
  }) {
    const where = args.line === undefined ? args.source : `${args.source}:${args.line}:${args.column ?? 1}`
    super('TEMPLATE_INVALID', `${where}: ${args.message}`, { cause: args.cause })
    this.source = args.source
    this.line = args.line
    this.column = args.column
  }
}
