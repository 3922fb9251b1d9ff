import { requestedVersion, type Version } from '../server/microversion.js'
import type { RouteContext } from '../server/service.js'

/** The compute microversion range the fake Nova serves (2024.2 Dalmatian). */
export const novaVersions = { min: '2.1', max: '2.96' } as const

/** The microversion a request asks Nova for (406 outside the range). */
export function novaVersion(ctx: RouteContext): Version {
  return requestedVersion(ctx.headers, {
    serviceKey: 'compute',
    legacyHeader: 'x-openstack-nova-api-version',
    ...novaVersions,
  })
}
