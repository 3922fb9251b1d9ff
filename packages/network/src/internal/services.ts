import type { Session } from '@magnum-ts/auth'
import { apiPath } from '@magnum-ts/auth'

/** Catalog service types (the session also accepts their aliases). */
export const NETWORK = 'network'
export const LOAD_BALANCER = 'load-balancer'
export const BLOCK_STORAGE = 'block-storage'

/** A Neutron path, with `/v2.0` added only when the endpoint lacks it (it usually does). */
export function neutronPath(session: Session, path: string): Promise<string> {
  return apiPath(session, NETWORK, /\/v2\.0$/, '/v2.0', path)
}

/** An Octavia path (`/lbaas/...`), with `/v2` added only when the endpoint lacks it. */
export function octaviaPath(session: Session, path: string): Promise<string> {
  return apiPath(session, LOAD_BALANCER, /\/v2(\.0)?$/, '/v2', path)
}

/**
 * A Cinder path. The catalog endpoint usually carries `/v3/<project_id>`; an unversioned one
 * gets `/v3` (project-less URLs, accepted since microversion 3.67).
 */
export function cinderPath(session: Session, path: string): Promise<string> {
  return apiPath(session, BLOCK_STORAGE, /\/v3(\/[^/]+)?$/, '/v3', path)
}
