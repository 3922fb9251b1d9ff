import { OpenStackError } from '@magnum-ts/auth'

/** A world (from code or a YAML file) that cannot be built: names the field and the fix. */
export class WorldError extends OpenStackError {
  /** Dotted path of the offending field (`users[1].roles.demo`). */
  readonly field: string
  constructor(field: string, message: string) {
    super('WORLD_INVALID', `World ${field}: ${message}`)
    this.field = field
  }
}
