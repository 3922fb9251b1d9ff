import { NotFoundError } from '../errors/errors.js'
import type { Session } from '../session/types.js'

export interface Domain {
  id: string
  name: string
  enabled: boolean
}

/** Finds a domain by name (Magnum keeps trustee users in a dedicated domain); 404 when absent. */
export async function findDomain(session: Session, name: string): Promise<Domain> {
  const res = await session.request<{ domains: { id: string; name: string; enabled?: boolean }[] }>(
    'identity',
    'GET',
    '/domains',
    {
      query: { name },
    },
  )
  const d = res.body.domains[0]
  if (!d) {
    throw new NotFoundError({
      status: 404,
      service: 'identity',
      method: 'GET',
      url: res.url,
      requestId: res.requestId,
      message: `no domain named "${name}": create it (openstack domain create ${name}) or configure another trustee domain`,
    })
  }
  return { id: d.id, name: d.name, enabled: d.enabled ?? true }
}
