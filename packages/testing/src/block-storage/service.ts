import { novaStyleError } from '../compute/service.js'
import { badRequest } from '../server/api-error.js'
import { requestedVersion } from '../server/microversion.js'
import { json } from '../server/reply.js'
import type { RouteContext, ServiceModule } from '../server/service.js'
import { blockStorageRoutes } from './routes.js'

/** The volume microversion range the fake Cinder serves. */
export const cinderVersions = { min: '3.0', max: '3.71' } as const

function versionEntry(ctx: RouteContext) {
  return {
    id: 'v3.0',
    status: 'CURRENT',
    version: cinderVersions.max,
    min_version: cinderVersions.min,
    updated: '2023-08-31T00:00:00Z',
    links: [{ rel: 'self', href: `${ctx.origin}/volume/v3/` }],
  }
}

/** Cinder v3: volume types and volumes. The catalog names it `block-storage` (alias `volumev3`). */
export function blockStorageService(prefix = '/volume/v3/{project_id}'): ServiceModule {
  return {
    type: 'block-storage',
    name: 'cinderv3',
    aliases: ['volumev3'],
    prefix,
    routes: [
      ...blockStorageRoutes.map((r) => ({
        ...r,
        handler: (ctx: RouteContext) => {
          requestedVersion(ctx.headers, { serviceKey: 'volume', ...cinderVersions })
          // Cinder refuses a project id in the URL other than the token's.
          const urlProject = ctx.serviceUrl.split('/').pop()
          if (urlProject !== ctx.auth?.projectId) throw badRequest('Malformed request url')
          return r.handler(ctx)
        },
      })),
    ],
    root: (ctx) => json(200, { version: versionEntry(ctx) }),
    versionsRoot: { path: '/volume', handler: (ctx) => json(300, { versions: [versionEntry(ctx)] }) },
    errorReply: novaStyleError,
    responseHeaders: (ctx) => {
      let version: string = cinderVersions.min
      try {
        version = requestedVersion(ctx.headers, { serviceKey: 'volume', ...cinderVersions }).join('.')
      } catch {
        // Reported by the route as a 406.
      }
      return { 'OpenStack-API-Version': `volume ${version}`, Vary: 'OpenStack-API-Version' }
    },
  }
}
