import type { Session } from '@magnum-ts/auth'
import { apiPath } from '@magnum-ts/auth'

/** Service type of Nova in the catalog. */
export const COMPUTE = 'compute'

/** A Nova path, with `/v2.1` added only when the endpoint lacks a version segment. */
export function novaPath(session: Session, path: string): Promise<string> {
  return apiPath(session, COMPUTE, /\/v2(\.1)?(\/[^/]+)?$/, '/v2.1', path)
}
