import { badRequest, conflict, notFound } from '../../server/api-error.js'
import { isoSeconds } from '../../server/time.js'
import type { CloudState } from '../../state.js'
import type { LoadBalancerRecord } from '../state.js'

/** When the change happens and who makes it. */
export interface LbStamp {
  now: number
  projectId: string
  /** Clock time at which PENDING_* becomes ACTIVE. */
  readyAt: number
}

/** Octavia's 404 for an object of the given kind. */
export function octaviaNotFound(kind: string, id: string) {
  return notFound(`${kind} ${id} not found.`)
}

/** Settles a record whose provisioning time has passed (PENDING_CREATE/UPDATE → ACTIVE). */
export function settle(
  record: { provisioning_status: string; operating_status: string; activeAt: number },
  now: number,
) {
  if (record.provisioning_status.startsWith('PENDING_') && now >= record.activeAt) {
    record.provisioning_status = 'ACTIVE'
    record.operating_status = 'ONLINE'
  }
}

/** Status and ownership fields of a new Octavia object (pending while the build time runs). */
export function status(stamp: LbStamp) {
  const pending = stamp.readyAt > stamp.now
  return {
    provisioning_status: pending ? 'PENDING_CREATE' : 'ACTIVE',
    operating_status: pending ? 'OFFLINE' : 'ONLINE',
    project_id: stamp.projectId,
    created_at: isoSeconds(stamp.now),
    updated_at: null,
    activeAt: stamp.readyAt,
  }
}

/** The load balancer a child change goes through: 409 while it is immutable (PENDING_*). */
export function lockForUpdate(s: CloudState, lbId: string, stamp: LbStamp): LoadBalancerRecord {
  const lb = s.loadBalancer.loadBalancers.get(lbId)
  if (!lb) throw badRequest(`Validation failure: Load Balancer ${lbId} not found.`)
  settle(lb, stamp.now)
  if (lb.provisioning_status !== 'ACTIVE') {
    throw conflict(`Load Balancer ${lb.id} is immutable and cannot be updated.`)
  }
  if (stamp.readyAt > stamp.now) {
    lb.provisioning_status = 'PENDING_UPDATE'
    lb.activeAt = stamp.readyAt
  }
  lb.updated_at = isoSeconds(stamp.now)
  return lb
}
