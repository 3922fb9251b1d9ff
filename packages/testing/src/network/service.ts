import { type ApiError, notFound } from '../server/api-error.js'
import { json, type Reply } from '../server/reply.js'
import { route, type ServiceModule } from '../server/service.js'
import { networkRoutes } from './routes/networks.js'
import { portRoutes } from './routes/ports.js'
import { quotaRoutes } from './routes/quotas.js'
import { routerRoutes } from './routes/routers.js'
import { securityGroupRoutes } from './routes/security-groups.js'

/** The API extensions the fake Neutron implements (what `GET /v2.0/extensions` lists). */
const extensions: [alias: string, name: string][] = [
  ['external-net', 'Neutron external network'],
  ['router', 'Neutron L3 Router'],
  ['security-group', 'security-group'],
  ['port-security', 'Port Security'],
  ['allowed-address-pairs', 'Allowed Address Pairs'],
  [
    'standard-attr-tag',
    'Tag support for resources with standard attribute: subnet, trunk, network_segment_range, router, network, policy, subnetpool, port, security_group, floatingip',
  ],
  ['standard-attr-timestamp', 'Resource timestamps'],
  ['standard-attr-revisions', 'Resource revision numbers'],
  ['ext-gw-mode', 'Neutron L3 Configurable external gateway mode'],
  ['quotas', 'Quota management support'],
  ['quota_details', 'Quota details management support'],
  ['availability_zone', 'Availability Zone'],
  ['net-mtu', 'Network MTU'],
  ['binding', 'Port Binding'],
]

/** Neutron's error envelope: `{ NeutronError: { type, message, detail } }`. */
function neutronError(error: ApiError): Reply {
  const type =
    error.kind ??
    (
      {
        400: 'HTTPBadRequest',
        401: 'HTTPUnauthorized',
        403: 'HTTPForbidden',
        404: 'HTTPNotFound',
        409: 'HTTPConflict',
      } as Record<number, string>
    )[error.status] ??
    'HTTPInternalServerError'
  return { status: error.status, body: { NeutronError: { type, message: error.message, detail: '' } } }
}

/** Neutron v2.0: networks, subnets, ports, routers, floating IPs, security groups, extensions. */
export function networkService(prefix = '/networking'): ServiceModule {
  return {
    type: 'network',
    name: 'neutron',
    prefix,
    routes: [
      route('GET', '/v2.0', (ctx) =>
        json(200, {
          resources: ['network', 'subnet', 'port', 'router', 'floatingip', 'security_group'].map((name) => ({
            name,
            collection: `${name}s`,
            links: [{ rel: 'self', href: `${ctx.serviceUrl}/v2.0/${name}s` }],
          })),
        }),
      ),
      route('GET', '/v2.0/extensions', () =>
        json(200, {
          extensions: extensions.map(([alias, name]) => ({
            alias,
            name,
            description: name,
            updated: '2013-01-01T10:00:00-00:00',
            links: [],
          })),
        }),
      ),
      route('GET', '/v2.0/extensions/:alias', (ctx) => {
        const found = extensions.find(([alias]) => alias === ctx.params.alias)
        if (!found) throw notFound(`Extension with alias ${ctx.params.alias} does not exist`, 'HTTPNotFound')
        return json(200, {
          extension: {
            alias: found[0],
            name: found[1],
            description: found[1],
            updated: '2013-01-01T10:00:00-00:00',
            links: [],
          },
        })
      }),
      ...networkRoutes,
      ...portRoutes,
      ...routerRoutes,
      ...securityGroupRoutes,
      ...quotaRoutes,
    ],
    root: (ctx) =>
      json(200, {
        versions: [
          { id: 'v2.0', status: 'CURRENT', links: [{ rel: 'self', href: `${ctx.serviceUrl}/v2.0/` }] },
        ],
      }),
    errorReply: neutronError,
  }
}
