import type { FakeCloud } from '../../src/index.js'

/** A JSON body read loosely for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: test helper reading arbitrary JSON
export type Json = any

/** Password-authenticates a seeded user against the fake; returns the token and body. */
export async function login(cloud: FakeCloud, user = 'demo', project: string = user) {
  const res = await cloud.fetch(`${cloud.authUrl}/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: user, domain: { name: 'Default' }, password: 'secret' } },
        },
        scope: { project: { name: project, domain: { name: 'Default' } } },
      },
    }),
  })
  if (res.status !== 201) throw new Error(`login failed: ${res.status} ${await res.text()}`)
  const body = (await res.json()) as Json
  return {
    token: res.headers.get('x-subject-token') ?? '',
    body,
    projectId: body.token.project.id as string,
    userId: body.token.user.id as string,
  }
}

/** Calls the fake with a token: `call(cloud, token, 'GET', '/compute/v2.1/flavors')`. */
export async function call(
  cloud: FakeCloud,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await cloud.fetch(path.startsWith('http') ? path : `${cloud.origin}${path}`, {
    method,
    headers: {
      'x-auth-token': token,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  let json: Json
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = text
  }
  return { status: res.status, headers: res.headers, body: json }
}
