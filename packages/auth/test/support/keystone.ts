import { HttpResponse, http } from 'msw'

export const AUTH_URL = 'http://keystone.test:5000/v3'

export interface FakeKeystoneOptions {
  catalog?: { type: string; url: string; interface?: string; region?: string }[]
  expiresInMs?: number
  now?: () => number
  project?: { id: string; name: string } | null
  roles?: string[]
}

/** A minimal Keystone for auth's own tests: counts token requests and records their bodies. */
export function fakeKeystone(options: FakeKeystoneOptions = {}) {
  const issued: { body: unknown; headers: Headers }[] = []
  let counter = 0
  const now = options.now ?? Date.now
  const project = options.project === undefined ? { id: 'p-demo', name: 'demo' } : options.project
  const catalog = (options.catalog ?? [{ type: 'compute', url: 'http://nova.test/v2.1' }]).map((c, i) => ({
    id: `svc-${i}`,
    type: c.type,
    name: c.type,
    endpoints: [
      {
        id: `ep-${i}`,
        interface: c.interface ?? 'public',
        region: c.region ?? 'RegionOne',
        region_id: c.region ?? 'RegionOne',
        url: c.url,
      },
    ],
  }))
  const handler = http.post(`${AUTH_URL}/auth/tokens`, async ({ request }) => {
    const body = await request.json()
    issued.push({ body, headers: request.headers })
    counter++
    const expires = new Date(now() + (options.expiresInMs ?? 3600_000)).toISOString()
    const roles = (options.roles ?? ['member']).map((name, i) => ({ id: `r${i}`, name }))
    return HttpResponse.json(
      {
        token: {
          expires_at: expires,
          methods: ['password'],
          user: { id: 'u-demo', name: 'demo', domain: { id: 'default', name: 'Default' } },
          ...(project ? { project: { ...project, domain: { id: 'default', name: 'Default' } } } : {}),
          roles,
          catalog: project ? catalog : [],
        },
      },
      {
        status: 201,
        headers: { 'X-Subject-Token': `tok-${counter}`, 'X-OpenStack-Request-Id': `req-auth-${counter}` },
      },
    )
  })
  return { handler, issued, tokenRequests: () => counter }
}

export const demoConfig = {
  auth: {
    authUrl: AUTH_URL,
    username: 'demo',
    password: 'sup3r-secret-pw',
    projectName: 'demo',
    userDomainName: 'Default',
    projectDomainName: 'Default',
  },
}
