import {
  BarbicanCertStore,
  BarbicanUnavailableError,
  CertificateNotFoundError,
  createCertStore,
  createClusterCertificates,
  loadCa,
} from '@magnum-ts/certs'
import { mockIdentity } from '@magnum-ts/testing'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

const base = 'http://barbican.test'
const identity = mockIdentity({ services: { 'key-manager': base } })
const noBarbican = mockIdentity({
  authUrl: 'http://keystone-nobarbican.test/v3',
  services: { compute: 'http://nova.test/v2.1' },
})
const server = setupServer(...identity.handlers, ...noBarbican.handlers)

interface Seen {
  method: string
  url: string
  token: string | null
  accept: string | null
  body?: unknown
}

// A small Barbican: secrets and containers in maps, every request recorded.
function fakeBarbican(options: { failContainerCreate?: boolean } = {}) {
  const seen: Seen[] = []
  const secrets = new Map<string, { payload: string; body: Record<string, unknown> }>()
  const containers = new Map<string, Record<string, unknown>>()
  let n = 0
  const record = async (request: Request, withBody: boolean) => {
    const entry: Seen = {
      method: request.method,
      url: request.url,
      token: request.headers.get('x-auth-token'),
      accept: request.headers.get('accept'),
    }
    if (withBody) entry.body = await request.clone().json()
    seen.push(entry)
    return entry
  }
  server.use(
    http.post(`${base}/v1/secrets`, async ({ request }) => {
      const { body } = await record(request, true)
      const id = `s${++n}`
      secrets.set(id, {
        payload: (body as { payload: string }).payload,
        body: body as Record<string, unknown>,
      })
      return HttpResponse.json({ secret_ref: `${base}/v1/secrets/${id}` }, { status: 201 })
    }),
    http.get(`${base}/v1/secrets/:id/payload`, async ({ request, params }) => {
      await record(request, false)
      const s = secrets.get(params.id as string)
      return s
        ? new HttpResponse(s.payload, { headers: { 'content-type': 'text/plain' } })
        : new HttpResponse(null, { status: 404 })
    }),
    http.delete(`${base}/v1/secrets/:id`, async ({ request, params }) => {
      await record(request, false)
      return secrets.delete(params.id as string)
        ? new HttpResponse(null, { status: 204 })
        : HttpResponse.json({ code: 404 }, { status: 404 })
    }),
    http.post(`${base}/v1/containers`, async ({ request }) => {
      const { body } = await record(request, true)
      if (options.failContainerCreate) return HttpResponse.json({ code: 500, title: 'boom' }, { status: 500 })
      const id = `c${++n}`
      containers.set(id, {
        ...(body as object),
        container_ref: `${base}/v1/containers/${id}`,
        status: 'ACTIVE',
      })
      return HttpResponse.json({ container_ref: `${base}/v1/containers/${id}` }, { status: 201 })
    }),
    http.get(`${base}/v1/containers/:id`, async ({ request, params }) => {
      await record(request, false)
      const c = containers.get(params.id as string)
      return c ? HttpResponse.json(c) : HttpResponse.json({ code: 404, title: 'Not Found' }, { status: 404 })
    }),
    http.delete(`${base}/v1/containers/:id`, async ({ request, params }) => {
      await record(request, false)
      return containers.delete(params.id as string)
        ? new HttpResponse(null, { status: 204 })
        : HttpResponse.json({}, { status: 404 })
    }),
  )
  return { seen, secrets, containers }
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const cert = { certificate: 'CERT-PEM', privateKey: 'KEY-PEM' }
const meta = { name: 'c1-ca', clusterId: 'c1' }

describe('BarbicanCertStore', () => {
  it('stores secrets then a certificate container, with the token, and returns the container href', async () => {
    const fake = fakeBarbican()
    const store = new BarbicanCertStore(identity.session())
    const ref = await store.storeCert({ ...cert, intermediates: 'INT-PEM' }, meta)
    expect(ref).toBe(`${base}/v1/containers/c4`)
    expect(fake.seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      `POST ${base}/v1/secrets`,
      `POST ${base}/v1/secrets`,
      `POST ${base}/v1/secrets`,
      `POST ${base}/v1/containers`,
    ])
    expect(fake.seen.every((s) => s.token === identity.token)).toBe(true)
    expect(fake.seen.slice(0, 3).map((s) => s.body)).toEqual([
      {
        name: 'c1-ca-certificate',
        payload: 'CERT-PEM',
        payload_content_type: 'text/plain',
        secret_type: 'certificate',
      },
      {
        name: 'c1-ca-private_key',
        payload: 'KEY-PEM',
        payload_content_type: 'text/plain',
        secret_type: 'private',
      },
      {
        name: 'c1-ca-intermediates',
        payload: 'INT-PEM',
        payload_content_type: 'text/plain',
        secret_type: 'certificate',
      },
    ])
    expect(fake.seen[3]!.body).toEqual({
      type: 'certificate',
      name: 'c1-ca',
      secret_refs: [
        { name: 'certificate', secret_ref: `${base}/v1/secrets/s1` },
        { name: 'private_key', secret_ref: `${base}/v1/secrets/s2` },
        { name: 'intermediates', secret_ref: `${base}/v1/secrets/s3` },
      ],
    })
  })

  it('reads the container and each payload as text/plain', async () => {
    const fake = fakeBarbican()
    const store = new BarbicanCertStore(identity.session())
    const ref = await store.storeCert({ ...cert, privateKeyPassphrase: 'PASS' }, meta)
    fake.seen.length = 0
    expect(await store.getCert(ref)).toEqual({ ...cert, privateKeyPassphrase: 'PASS' })
    expect(fake.seen[0]).toMatchObject({ method: 'GET', url: ref })
    const payloads = fake.seen.slice(1)
    expect(payloads.map((s) => s.url).sort()).toEqual(
      ['s1', 's2', 's3'].map((id) => `${base}/v1/secrets/${id}/payload`),
    )
    expect(payloads.every((s) => s.accept === 'text/plain' && s.method === 'GET')).toBe(true)
  })

  it('deletes secrets, then the container; a gone container is no error', async () => {
    const fake = fakeBarbican()
    const store = new BarbicanCertStore(identity.session())
    const ref = await store.storeCert(cert, meta)
    fake.seen.length = 0
    await store.deleteCert(ref)
    expect(fake.seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      `GET ${ref}`,
      `DELETE ${base}/v1/secrets/s1`,
      `DELETE ${base}/v1/secrets/s2`,
      `DELETE ${ref}`,
    ])
    expect(fake.secrets.size + fake.containers.size).toBe(0)
    await store.deleteCert(ref)
    await expect(store.getCert(ref)).rejects.toBeInstanceOf(CertificateNotFoundError)
  })

  it('removes the secrets it made when the container cannot be created', async () => {
    const fake = fakeBarbican({ failContainerCreate: true })
    const store = new BarbicanCertStore(identity.session())
    await expect(store.storeCert(cert, meta)).rejects.toMatchObject({ status: 500 })
    expect(fake.secrets.size).toBe(0)
  })

  it('keeps cluster CA keys unencrypted (Barbican is the secret store) and loads a CA that signs', async () => {
    const fake = fakeBarbican()
    const store = createCertStore('barbican', { session: identity.session() })
    const { refs, ca } = await createClusterCertificates(store, { clusterId: 'c9', clusterName: 'k8s' })
    const keys = [...fake.secrets.values()].filter((s) => s.body.secret_type === 'private')
    expect(keys).toHaveLength(2)
    for (const k of keys) expect(k.payload).toMatch(/^-----BEGIN PRIVATE KEY-----/)
    expect([...fake.secrets.values()].some((s) => s.body.secret_type === 'passphrase')).toBe(false)
    expect(await loadCa(store, refs.caCertRef)).toEqual(ca)
  })

  it('without a key-manager in the catalog, says Barbican is missing and names the other stores', async () => {
    const store = new BarbicanCertStore(noBarbican.session())
    for (const attempt of [
      () => store.storeCert(cert, meta),
      () => store.check(),
      () => store.getCert('abc'),
    ]) {
      const error = await attempt().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(BarbicanUnavailableError)
      expect(error).toMatchObject({ code: 'BARBICAN_UNAVAILABLE' })
      expect((error as Error).message).toContain('key-manager')
      expect((error as Error).message).toContain('"local:DIR"')
      expect((error as Error).message).toContain('"store"')
    }
  })
})
