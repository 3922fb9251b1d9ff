import type { ApiError } from '../server/api-error.js'
import { json, type Reply } from '../server/reply.js'
import type { ServiceModule } from '../server/service.js'
import { keyManagerRoutes } from './routes.js'

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

/** Barbican's error envelope: `{ code, title, description }`. */
function barbicanError(error: ApiError): Reply {
  return {
    status: error.status,
    body: { code: error.status, title: titles[error.status] ?? 'Error', description: error.message },
  }
}

/** Barbican v1: secrets and containers. */
export function keyManagerService(prefix = '/key-manager'): ServiceModule {
  return {
    type: 'key-manager',
    name: 'barbican',
    prefix,
    routes: keyManagerRoutes,
    root: (ctx) =>
      json(300, {
        versions: {
          values: [
            {
              id: 'v1',
              status: 'stable',
              updated: '2015-04-28T00:00:00Z',
              links: [{ rel: 'self', href: `${ctx.serviceUrl}/v1/` }],
              'media-types': [
                { base: 'application/json', type: 'application/vnd.openstack.key-manager-v1+json' },
              ],
            },
          ],
        },
      }),
    errorReply: barbicanError,
  }
}
