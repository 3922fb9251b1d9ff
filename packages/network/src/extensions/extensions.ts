import type { Session } from '@magnum-ts/auth'
import type { CallOptions } from '../internal/crud.js'
import { NETWORK, neutronPath } from '../internal/services.js'

/** A Neutron API extension (`alias` is what code checks, e.g. `router`, `dns-integration`). */
export interface NetworkExtension {
  alias: string
  name: string
  description: string
  updated?: string
  links?: unknown[]
}

/** Lists the Neutron extensions this cloud enables (`GET /v2.0/extensions`). */
export async function listNetworkExtensions(
  session: Session,
  options: CallOptions = {},
): Promise<NetworkExtension[]> {
  const path = await neutronPath(session, '/extensions')
  const response = await session.request<{ extensions?: NetworkExtension[] }>(NETWORK, 'GET', path, {
    ...(options.signal ? { signal: options.signal } : {}),
  })
  return response.body.extensions ?? []
}

/** True when the cloud's Neutron has the extension with this alias (e.g. `external-net`). */
export async function hasNetworkExtension(session: Session, alias: string, options: CallOptions = {}) {
  return (await listNetworkExtensions(session, options)).some((e) => e.alias === alias)
}
