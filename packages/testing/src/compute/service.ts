import type { ApiError } from '../server/api-error.js'
import { json, type Reply } from '../server/reply.js'
import type { RouteContext, ServiceModule } from '../server/service.js'
import { flavorRoutes } from './routes/flavors.js'
import { keypairRoutes } from './routes/keypairs.js'
import { miscRoutes } from './routes/misc.js'
import { serverRoutes } from './routes/servers.js'
import { novaVersion, novaVersions } from './version.js'

/** Nova's fault names by status (`nova/api/openstack/wsgi.py`'s table). */
const faultNames: Record<number, string> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  406: 'notAcceptable',
  409: 'conflictingRequest',
  413: 'overLimit',
  429: 'overLimit',
  501: 'notImplemented',
  503: 'serviceUnavailable',
}

/** Nova's (and Cinder's) error envelope: `{ <faultName>: { code, message } }`. */
export function novaStyleError(error: ApiError): Reply {
  const name = faultNames[error.status] ?? 'computeFault'
  return { status: error.status, body: { [name]: { code: error.status, message: error.message } } }
}

function versionEntry(ctx: RouteContext) {
  return {
    id: 'v2.1',
    status: 'CURRENT',
    version: novaVersions.max,
    min_version: novaVersions.min,
    updated: '2013-07-23T11:33:21Z',
    links: [{ rel: 'self', href: `${ctx.serviceUrl}/` }],
  }
}

/** Nova v2.1: flavors, key pairs, servers, server groups, availability zones, limits. */
export function computeService(prefix = '/compute/v2.1'): ServiceModule {
  const root = prefix.replace(/\/v2\.1$/, '')
  return {
    type: 'compute',
    name: 'nova',
    prefix,
    routes: [...flavorRoutes, ...keypairRoutes, ...serverRoutes, ...miscRoutes],
    root: (ctx) => json(200, { version: versionEntry(ctx) }),
    ...(root !== prefix
      ? {
          versionsRoot: {
            path: root || '/',
            handler: (ctx: RouteContext) => json(200, { versions: [versionEntry(ctx)] }),
          },
        }
      : {}),
    errorReply: novaStyleError,
    responseHeaders: (ctx, requestId) => {
      let version: string = novaVersions.min
      try {
        version = novaVersion(ctx).join('.')
      } catch {
        // An unsupported version is reported by the route (406); echo the minimum.
      }
      return {
        'OpenStack-API-Version': `compute ${version}`,
        'X-OpenStack-Nova-API-Version': version,
        Vary: 'OpenStack-API-Version, X-OpenStack-Nova-API-Version',
        'X-Compute-Request-Id': requestId,
      }
    },
  }
}
