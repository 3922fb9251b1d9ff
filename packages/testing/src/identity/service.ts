import { identityVersionDocument } from '../mock-identity/version-document.js'
import type { ApiError } from '../server/api-error.js'
import { json, type Reply } from '../server/reply.js'
import { route, type ServiceModule } from '../server/service.js'
import { authRoutes } from './routes/auth.js'
import { projectRoutes } from './routes/projects.js'
import { trustRoutes } from './routes/trusts.js'
import { userRoutes } from './routes/users.js'
import { keystoneError } from './token-body.js'

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

/** Keystone v3: tokens, users, projects, domains, roles, trusts, application credentials. */
export function identityService(prefix = '/identity'): ServiceModule {
  return {
    type: 'identity',
    name: 'keystone',
    prefix,
    // Clouds list Keystone's versioned URL, so clients can join `/users` onto it.
    catalogPath: `${prefix}/v3`,
    routes: [
      route('GET', '/v3', (ctx) => json(200, identityVersionDocument(`${ctx.serviceUrl}/v3`)), {
        public: true,
      }),
      ...authRoutes,
      ...userRoutes,
      ...projectRoutes,
      ...trustRoutes,
    ],
    root: (ctx) => {
      const { version } = identityVersionDocument(`${ctx.serviceUrl}/v3`) as { version: unknown }
      return json(300, { versions: { values: [version] } })
    },
    errorReply: (error: ApiError): Reply => ({
      status: error.status,
      body: keystoneError(error.status, titles[error.status] ?? error.kind ?? 'Error', error.message),
    }),
  }
}
