import type { ApiError } from '../server/api-error.js'
import { json, type Reply } from '../server/reply.js'
import type { RouteContext, ServiceModule } from '../server/service.js'
import { loadBalancerRoutes } from './routes.js'

/** Octavia's (WSME) error envelope: `{ faultcode, faultstring, debuginfo }`. */
function octaviaError(error: ApiError): Reply {
  return {
    status: error.status,
    body: {
      faultcode: error.status >= 500 ? 'Server' : 'Client',
      faultstring: error.message,
      debuginfo: null,
    },
  }
}

function versions(ctx: RouteContext) {
  return {
    versions: [
      {
        id: 'v2.0',
        status: 'SUPPORTED',
        updated: '2016-12-11T00:00:00Z',
        links: [{ rel: 'self', href: `${ctx.serviceUrl}/v2` }],
      },
      {
        id: 'v2.27',
        status: 'CURRENT',
        updated: '2023-05-05T00:00:00Z',
        links: [{ rel: 'self', href: `${ctx.serviceUrl}/v2` }],
      },
    ],
  }
}

/** Octavia v2: load balancers (with VIP ports in the fake Neutron), listeners, pools, members, monitors. */
export function loadBalancerService(prefix = '/load-balancer'): ServiceModule {
  return {
    type: 'load-balancer',
    name: 'octavia',
    prefix,
    routes: loadBalancerRoutes,
    root: (ctx) => json(200, versions(ctx)),
    errorReply: octaviaError,
  }
}
