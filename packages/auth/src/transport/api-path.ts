import type { Session } from '../session/types.js'

/**
 * Builds a request path that works whether the catalog endpoint already carries the API
 * version (`http://nova/v2.1`, `http://glance/v2`) or not (`http://glance:9292`): clouds
 * register both forms, and a doubled `/v2/v2/images` is a 404 nobody can explain.
 */
export async function apiPath(
  session: Session,
  service: string,
  version: RegExp,
  prefix: string,
  path: string,
) {
  const endpoint = await session.endpoint(service)
  const pathname = new URL(endpoint).pathname.replace(/\/+$/, '')
  return version.test(pathname) ? path : `${prefix}${path}`
}
