/**
 * The service end to end over real HTTP: the fake OpenStack on 127.0.0.1, a fresh PostgreSQL
 * database, create → poll until CREATE_COMPLETE → list → show, then everything stops.
 */
import { randomBytes } from 'node:crypto'
import { createSession, findDomain } from '@magnum-ts/auth'
import { createFakeCloud, type FakeCloud, type ListeningCloud } from '@magnum-ts/testing'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningService, startService } from '../src/service.js'

const server = process.env.MAGNUM_TS_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const database = `magnum_ts_example_${randomBytes(6).toString('hex')}`

async function unreachable(): Promise<string | undefined> {
  if (server === 'off') return 'MAGNUM_TS_PG_URL=off'
  const client = new pg.Client({ connectionString: server, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    return undefined
  } catch (error) {
    return `no PostgreSQL server answers at ${server} (${(error as Error).message})`
  } finally {
    await client.end().catch(() => undefined)
  }
}
const skipReason = await unreachable()
if (skipReason) console.warn(`node-service example skipped: ${skipReason}`)

describe.skipIf(skipReason !== undefined)('node-service', () => {
  let cloud: FakeCloud
  let listening: ListeningCloud
  let service: RunningService
  const admin = new pg.Client({ connectionString: server })

  beforeAll(async () => {
    await admin.connect()
    await admin.query(`CREATE DATABASE ${database}`)
    cloud = createFakeCloud({ heat: { resourceSeconds: 0 } })
    listening = await cloud.listen({ port: 0, host: '127.0.0.1' })
    const authUrl = `${listening.url}/identity/v3`
    // Real HTTP to the loopback fake: no `fetch` option.
    const adminSession = createSession({
      auth: {
        authUrl,
        username: 'magnum_domain_admin',
        password: 'secret',
        userDomainName: 'magnum',
        domainName: 'magnum',
      },
    })
    const databaseUrl = new URL(server)
    databaseUrl.pathname = `/${database}`
    service = await startService({
      session: createSession(cloud.cloudConfig({ origin: listening.url })),
      trustee: { adminSession, domainId: (await findDomain(adminSession, 'magnum')).id },
      databaseUrl: databaseUrl.toString(),
      port: 0,
      syncIntervalMs: 50,
    })
  })

  afterAll(async () => {
    await service?.close()
    await listening?.close()
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    await admin.end()
  })

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${service.url}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    })
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }

  it('creates a cluster, which the sync brings to CREATE_COMPLETE, then lists and shows it', async () => {
    const template = await service.magnum.clusterTemplates.create({
      name: 'k8s',
      coe: 'kubernetes',
      imageId: 'fedora-atomic-latest',
      flavorId: 'm1.small',
      masterFlavorId: 'm1.small',
      keypairId: 'default',
      externalNetworkId: 'public',
      networkDriver: 'flannel',
    })

    const created = await api('POST', '/clusters', {
      name: 'prod',
      cluster_template_id: template.uuid,
      node_count: 2,
    })
    expect(created.status).toBe(202)
    expect(created.body).toMatchObject({ name: 'prod', status: 'CREATE_IN_PROGRESS', node_count: 2 })
    const uuid = created.body.uuid as string

    // Nobody calls waitFor: the service's own sync loop moves the cluster on.
    let shown = await api('GET', `/clusters/${uuid}`)
    for (let i = 0; shown.body.status === 'CREATE_IN_PROGRESS' && i < 200; i++) {
      await new Promise((r) => setTimeout(r, 50))
      shown = await api('GET', `/clusters/${uuid}`)
    }
    expect(shown.status).toBe(200)
    expect(shown.body).toMatchObject({
      uuid,
      name: 'prod',
      status: 'CREATE_COMPLETE',
      cluster_template_id: template.uuid,
      node_count: 2,
      master_count: 1,
    })
    expect(shown.body.api_address).toMatch(/^https:\/\/[\d.]+:6443$/)
    expect(shown.body.node_addresses).toHaveLength(2)
    // Never on the wire: the trustee's password and the trust.
    expect(shown.body).not.toHaveProperty('trustee_password')

    const listed = await api('GET', '/clusters')
    expect(listed.status).toBe(200)
    expect(listed.body.clusters).toEqual([
      expect.objectContaining({ uuid, name: 'prod', status: 'CREATE_COMPLETE' }),
    ])
    expect((await api('GET', '/clusters/prod')).body.uuid).toBe(uuid)
  })

  it('answers bad input with the status and field core reports', async () => {
    const bad = await api('POST', '/clusters', { name: 'x', cluster_template_id: 'k8s', node_count: -1 })
    expect(bad.status).toBe(400)
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'node_count' })])
    expect((await api('GET', '/clusters/nope')).status).toBe(404)
    const notJson = await fetch(`${service.url}/clusters`, { method: 'POST', body: '[' })
    expect(notJson.status).toBe(400)
  })
})
