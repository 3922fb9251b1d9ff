import { randomBytes } from 'node:crypto'
import { notFound } from '../../server/api-error.js'
import { isoSeconds } from '../../server/time.js'

/** Clock time (ms) and project of the caller, stamped on what is created. */
export interface Stamp {
  now: number
  projectId: string
}

/** The ownership and timestamp fields every Neutron object carries. */
export function stamps(stamp: Stamp) {
  const t = isoSeconds(stamp.now)
  return {
    project_id: stamp.projectId,
    tenant_id: stamp.projectId,
    created_at: t,
    updated_at: t,
    revision_number: 0,
  }
}

/** A Neutron 404 of the given kind (`NetworkNotFound`). */
export function neutronNotFound(kind: string, what: string, id: string) {
  return notFound(`${what} ${id} could not be found.`, `${kind}NotFound`)
}

/** Looks an object up or throws Neutron's 404. */
export function must<T>(map: Map<string, T>, id: string, kind: string, what: string): T {
  const found = map.get(id)
  if (!found) throw neutronNotFound(kind, what, id)
  return found
}

/** A MAC address in OpenStack's `fa:16:3e` range. */
export function macAddress(): string {
  return `fa:16:3e:${[...randomBytes(3)].map((b) => b.toString(16).padStart(2, '0')).join(':')}`
}
