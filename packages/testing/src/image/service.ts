import type { ApiError } from '../server/api-error.js'
import { json, type Reply } from '../server/reply.js'
import { type RouteContext, route, type ServiceModule } from '../server/service.js'
import { imageRoutes } from './routes.js'

const reasons: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

/** Glance answers errors as webob's plain text: `404 Not Found\n\n<message>\n\n   `. */
function glanceError(error: ApiError): Reply {
  return {
    status: error.status,
    body: `${error.status} ${reasons[error.status] ?? 'Error'}\n\n${error.message}\n\n   `,
    headers: { 'content-type': 'text/plain; charset=UTF-8' },
  }
}

function versions(ctx: RouteContext) {
  const ids = ['2.16', '2.15', '2.9', '2.7', '2.6', '2.5', '2.4', '2.3', '2.2', '2.1', '2.0']
  return {
    versions: ids.map((v, i) => ({
      id: `v${v}`,
      status: i === 0 ? 'CURRENT' : 'SUPPORTED',
      links: [{ rel: 'self', href: `${ctx.serviceUrl}/v2/` }],
    })),
  }
}

/** Glance v2: images with additional properties such as `os_distro`. */
export function imageService(prefix = '/image'): ServiceModule {
  return {
    type: 'image',
    name: 'glance',
    prefix,
    routes: [route('GET', '/versions', (ctx) => json(200, versions(ctx)), { public: true }), ...imageRoutes],
    root: (ctx) => json(300, versions(ctx)),
    errorReply: glanceError,
  }
}
