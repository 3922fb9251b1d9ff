import type { Session } from '@magnum-ts/auth'
import type { components } from '../generated/compute.js'
import { COMPUTE, novaPath } from '../internal/nova.js'

type ZoneInfo = components['schemas']['Os_Availability_ZoneIndexResponse']['availabilityZoneInfo'][number]

/** A compute availability zone and whether Nova can schedule into it. */
export interface AvailabilityZone {
  name: string
  available: boolean
}

/** Lists compute availability zones (`GET /os-availability-zone`). */
export async function listAvailabilityZones(
  session: Session,
  options: { signal?: AbortSignal } = {},
): Promise<AvailabilityZone[]> {
  const path = await novaPath(session, '/os-availability-zone')
  const response = await session.request<{ availabilityZoneInfo?: ZoneInfo[] }>(COMPUTE, 'GET', path, {
    ...options,
  })
  return (response.body.availabilityZoneInfo ?? []).map((zone) => ({
    name: zone.zoneName,
    available: zone.zoneState?.available === true,
  }))
}
