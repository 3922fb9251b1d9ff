import type { Session } from '@magnum-ts/auth'
import { members } from '../internal/collections.js'
import { type CallOptions, createOne, deleteOne, getOne, listAll } from '../internal/crud.js'
import type { Member } from './types.js'

export interface CreateMemberOptions {
  address: string
  protocolPort: number
  subnetId?: string
  name?: string
  weight?: number
  monitorAddress?: string
  monitorPort?: number
  backup?: boolean
  adminStateUp?: boolean
  signal?: AbortSignal
}

/** Lists the members of a pool (`GET /v2/lbaas/pools/{pool_id}/members`), across pages. */
export function listMembers(
  session: Session,
  poolId: string,
  options: { name?: string; limit?: number; signal?: AbortSignal } = {},
): AsyncGenerator<Member> {
  return listAll<Member>(session, members(poolId), { name: options.name, limit: options.limit }, options)
}

/** Gets one member (`GET /v2/lbaas/pools/{pool_id}/members/{id}`). */
export function getMember(
  session: Session,
  poolId: string,
  id: string,
  options: CallOptions = {},
): Promise<Member> {
  return getOne<Member>(session, members(poolId), id, options)
}

/** Adds a member to a pool (`POST /v2/lbaas/pools/{pool_id}/members`). */
export function createMember(
  session: Session,
  poolId: string,
  options: CreateMemberOptions,
): Promise<Member> {
  return createOne<Member>(
    session,
    members(poolId),
    {
      address: options.address,
      protocol_port: options.protocolPort,
      subnet_id: options.subnetId,
      name: options.name,
      weight: options.weight,
      monitor_address: options.monitorAddress,
      monitor_port: options.monitorPort,
      backup: options.backup,
      admin_state_up: options.adminStateUp,
    },
    options,
  )
}

/** Removes a member from a pool (`DELETE /v2/lbaas/pools/{pool_id}/members/{id}`). */
export function deleteMember(
  session: Session,
  poolId: string,
  id: string,
  options: CallOptions = {},
): Promise<void> {
  return deleteOne(session, members(poolId), id, options)
}
