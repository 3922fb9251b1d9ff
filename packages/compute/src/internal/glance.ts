import type { Session } from '@magnum-ts/auth'
import { apiPath } from '@magnum-ts/auth'

/** Service type of Glance in the catalog. */
export const IMAGE = 'image'

const VERSIONED = /\/v2$/

/** A Glance path, with `/v2` added only when the endpoint lacks it. */
export function glancePath(session: Session, path: string): Promise<string> {
  return apiPath(session, IMAGE, VERSIONED, '/v2', path)
}
