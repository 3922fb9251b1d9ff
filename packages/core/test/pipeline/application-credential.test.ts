import { X509Certificate } from 'node:crypto'
import { createSession, InvalidOptionError } from '@magnum-ts/auth'
import { createCertStore, createCsr } from '@magnum-ts/certs'
import {
  type ClusterDriver,
  ClusterOperationError,
  CREATED_AT_CREATE_TIME,
  clusterToWire,
  createMagnum,
  nodeCredentialParameters,
} from '@magnum-ts/core'
import { describe, expect, it } from 'vitest'
import {
  type PipelineFixture,
  pipelineOnFakeCloud,
  templateInput,
  testDriver,
  twoProjectsWorld,
} from './support.js'
import { pipelineAs } from './support-extra.js'

/** The fixture's test driver, also sending the node credential parameters (declared with empty defaults). */
const credentialDriver: ClusterDriver = {
  ...testDriver,
  async stackRequest(ctx) {
    const request = await testDriver.stackRequest(ctx)
    const declarations = [
      'application_credential_id',
      'application_credential_secret',
      'trustee_domain_id',
      'trustee_username',
      'trust_id',
    ]
      .map((name) => `  ${name}: { type: string, default: '' }\n`)
      .join('')
    const template = (request.files['cluster.yaml'] as string).replace(
      '  is_cluster_stack:',
      `${declarations}  is_cluster_stack:`,
    )
    return {
      ...request,
      files: { ...request.files, 'cluster.yaml': template },
      parameters: { ...request.parameters, ...nodeCredentialParameters(ctx) },
    }
  },
}

/** One HTTP request, and which of the pipeline's sessions sent it. */
interface Seen {
  by: 'pipeline' | 'cluster'
  method: string
  url: string
  body: string
}

async function appCredentialPipeline(drivers: ClusterDriver[] = [credentialDriver]) {
  const seen: Seen[] = []
  let fixture: PipelineFixture | undefined
  const recording =
    (by: Seen['by']): typeof globalThis.fetch =>
    async (input, init) => {
      const request = new Request(input, init)
      const body = request.method === 'GET' ? '' : await request.clone().text()
      seen.push({ by, method: request.method, url: request.url, body })
      return fixture!.cloud.fetch(request)
    }
  fixture = await pipelineOnFakeCloud(
    () => ({
      drivers,
      config: { clusterCredential: 'application-credential' },
      sessionOptions: { fetch: recording('cluster') },
    }),
    { fetch: recording('pipeline') },
    { world: twoProjectsWorld() },
  )
  const template = await fixture.magnum.clusterTemplates.create(templateInput)
  return { ...fixture, seen, template }
}

describe("clusterCredential: 'application-credential'", () => {
  it('creates the caller’s restricted application credential (no trustee, no trust), hands it to Heat, and deletes it with the cluster', async () => {
    const { magnum, cloud, store, session, seen, template } = await appCredentialPipeline()
    const caller = await session.context()
    const created = await magnum.clusters.create({ name: 'ac', clusterTemplateId: template.uuid })
    const cluster = (await magnum.clusters.waitFor(created.uuid, 'CREATE_COMPLETE', { intervalMs: 10 }))!
    expect(cluster.status).toBe('CREATE_COMPLETE')

    // Keystone holds one new object: the application credential. No trustee user, no trust.
    const name = `magnum-ts-${cluster.uuid}`
    const credentials = [...cloud.state.identity.applicationCredentials.values()]
    expect(credentials).toHaveLength(1)
    const credential = credentials[0]!
    const left = cloud.orphans()
    expect(left.trusts).toBeUndefined()
    expect(left.users).toBeUndefined()
    expect(left['application credentials']).toEqual([`${credential.id} (${name})`])
    expect(credential).toMatchObject({
      name,
      user_id: caller.userId,
      project_id: caller.projectId,
      unrestricted: false,
    })
    expect(credential.roles.map((r) => r.name).sort()).toEqual([...caller.roles].sort())
    expect(credential.description).toContain(cluster.uuid)
    expect(seen.some((r) => r.url.includes('/OS-TRUST/trusts') || r.url.endsWith('/v3/users'))).toBe(false)

    // Stored (store-only), never on the wire.
    const row = (await store.clusters.get(cluster.uuid))!
    expect(row).toMatchObject({
      applicationCredentialId: credential.id,
      applicationCredentialSecret: credential.secret,
    })
    expect(row.trustId).toBeUndefined()
    expect(row.trusteeUserId).toBeUndefined()
    const wire = JSON.stringify(clusterToWire(row))
    expect(wire).not.toContain(credential.id)
    expect(wire).not.toContain(credential.secret)

    // Heat got the credential and no trust.
    const post = seen.find((r) => r.method === 'POST' && r.url.endsWith('/stacks'))!
    const parameters = (JSON.parse(post.body) as { parameters: Record<string, unknown> }).parameters
    expect(parameters).toMatchObject({
      application_credential_id: credential.id,
      application_credential_secret: credential.secret,
      trustee_user_id: '',
      trustee_password: '',
    })
    expect(parameters).not.toHaveProperty('trust_id')

    await magnum.clusters.delete(cluster.uuid)
    await magnum.clusters.waitFor(cluster.uuid, 'DELETE_COMPLETE', { intervalMs: 10 })
    expect(
      seen.filter(
        (r) => r.method === 'DELETE' && r.url.endsWith(`/application_credentials/${credential.id}`),
      ),
    ).toHaveLength(1)
    cloud.assertNoOrphans()
  })

  it('removes the application credential again when the create fails', async () => {
    const broken: ClusterDriver = {
      ...credentialDriver,
      async stackRequest() {
        throw new Error('driver refused')
      },
    }
    const { magnum, cloud, store, template } = await appCredentialPipeline([broken])
    const error = await magnum.clusters
      .create({ name: 'ac', clusterTemplateId: template.uuid })
      .catch((e) => e)
    expect(error).toBeInstanceOf(ClusterOperationError)
    expect((error as ClusterOperationError).step).toBe('building the stack request')
    const [row] = await store.clusters.list()
    expect(row).toMatchObject({ status: 'CREATE_FAILED', applicationCredentialId: undefined })
    cloud.assertNoOrphans()
  })

  it('names the failing step when Keystone refuses the application credential, and leaves nothing behind', async () => {
    const { magnum, cloud, template } = await appCredentialPipeline()
    cloud.faults.add({ service: 'identity', method: 'POST', path: /\/application_credentials$/, status: 403 })
    const error = await magnum.clusters
      .create({ name: 'ac', clusterTemplateId: template.uuid })
      .catch((e) => e)
    expect((error as ClusterOperationError).step).toBe('creating the application credential')
    cloud.assertNoOrphans()
  })

  it('syncs another project’s cluster by authenticating with its application credential', async () => {
    const fixture = await appCredentialPipeline()
    const { cloud, seen } = fixture
    const alt = createMagnum({
      session: cloud.session({ user: 'alt' }),
      store: fixture.store,
      drivers: [credentialDriver],
      certStore: createCertStore('store', { table: fixture.store.x509KeyPairs }),
      trustee: fixture.trustee,
      config: { clusterCredential: 'application-credential' },
    })
    const template = await alt.clusterTemplates.create({ ...templateInput, name: 'alt-k8s' })
    const created = await alt.clusters.create({ name: 'alt-ac', clusterTemplateId: template.uuid })
    const row = (await fixture.store.clusters.get(created.uuid))!
    // demo's process polls alt's cluster: only the cluster's own credential sees alt's stacks.
    for (
      let i = 0;
      i < 20 && (await fixture.store.clusters.get(created.uuid))?.status !== 'CREATE_COMPLETE';
      i++
    )
      await fixture.magnum.sync.runOnce()
    expect((await fixture.store.clusters.get(created.uuid))?.status).toBe('CREATE_COMPLETE')
    const logins = seen.filter((r) => r.by === 'cluster' && r.url.endsWith('/auth/tokens'))
    expect(logins).toHaveLength(1)
    expect(JSON.parse(logins[0]!.body)).toEqual({
      auth: {
        identity: {
          methods: ['application_credential'],
          application_credential: {
            id: row.applicationCredentialId,
            secret: row.applicationCredentialSecret,
          },
        },
      },
    })
    expect(seen.some((r) => r.by === 'cluster' && r.method === 'GET' && r.url.includes('/stacks'))).toBe(true)

    // alt deletes its cluster; as the owner its own process deletes the credential too.
    await alt.clusters.delete(created.uuid)
    for (let i = 0; i < 20 && (await fixture.store.clusters.get(created.uuid)); i++) await alt.sync.runOnce()
    expect(await fixture.store.clusters.get(created.uuid)).toBeUndefined()
    cloud.assertNoOrphans()
  })

  it('a process that is neither the owner nor an admin finishes the delete and says the credential was left to its owner', async () => {
    const fixture = await appCredentialPipeline()
    const { cloud } = fixture
    const alt = createMagnum({
      session: cloud.session({ user: 'alt' }),
      store: fixture.store,
      drivers: [credentialDriver],
      certStore: createCertStore('store', { table: fixture.store.x509KeyPairs }),
      trustee: fixture.trustee,
      config: { clusterCredential: 'application-credential' },
    })
    const template = await alt.clusterTemplates.create({ ...templateInput, name: 'alt-k8s' })
    const created = await alt.clusters.create({ name: 'alt-ac', clusterTemplateId: template.uuid })
    for (
      let i = 0;
      i < 20 && (await fixture.store.clusters.get(created.uuid))?.status !== 'CREATE_COMPLETE';
      i++
    )
      await alt.sync.runOnce()
    await alt.clusters.delete(created.uuid)
    const reasons: (string | undefined)[] = []
    fixture.magnum.events.on((e) => {
      if (e.to === 'DELETE_COMPLETE') reasons.push(e.reason)
    })
    for (let i = 0; i < 20 && (await fixture.store.clusters.get(created.uuid)); i++)
      await fixture.magnum.sync.runOnce()
    expect(await fixture.store.clusters.get(created.uuid)).toBeUndefined()
    expect(reasons).toHaveLength(1)
    expect(reasons[0]).toContain(`magnum-ts-${created.uuid}`)
    expect(reasons[0]).toContain('only its owner or an admin may delete it')
    expect(Object.keys(cloud.orphans())).toEqual(['application credentials'])
  })

  it('a node authenticated with the application credential may get the CA and have a CSR signed', async () => {
    const fixture = await appCredentialPipeline()
    const { magnum, cloud, store, template } = fixture
    const created = await magnum.clusters.create({ name: 'ac', clusterTemplateId: template.uuid })
    await magnum.clusters.waitFor(created.uuid, 'CREATE_COMPLETE', { intervalMs: 10 })
    const row = (await store.clusters.get(created.uuid))!
    const { name: _name, sources: _sources, auth, ...transport } = fixture.session.config
    const node = createSession(
      {
        ...transport,
        authType: 'v3applicationcredential',
        auth: {
          authUrl: auth.authUrl,
          applicationCredentialId: row.applicationCredentialId!,
          applicationCredentialSecret: row.applicationCredentialSecret!,
        },
      },
      { fetch: cloud.fetch },
    )
    const asNode = pipelineAs(fixture, node, [credentialDriver])
    const ca = new X509Certificate((await asNode.certificates.get(created.uuid)).pem)
    const { csrPem } = await createCsr({ cn: 'system:node:worker-0' })
    expect(
      new X509Certificate((await asNode.certificates.sign(created.uuid, csrPem)).pem).checkIssued(ca),
    ).toBe(true)
  })

  it('a dry run shows the application credential parameters as made at create time, and makes none', async () => {
    const { magnum, cloud, template } = await appCredentialPipeline()
    const preview = await magnum.clusters.preview.create({ name: 'ac', clusterTemplateId: template.uuid })
    expect(preview.parameters).toMatchObject({
      application_credential_id: CREATED_AT_CREATE_TIME,
      application_credential_secret: CREATED_AT_CREATE_TIME,
    })
    expect(preview.parameters).not.toHaveProperty('trust_id')
    expect(cloud.state.identity.applicationCredentials.size).toBe(0)
  })

  it('refuses an unknown mode when the pipeline is made, naming the option and the valid values', async () => {
    const error = await pipelineOnFakeCloud({ config: { clusterCredential: 'keys' as never } }).catch(
      (e) => e,
    )
    expect(error).toBeInstanceOf(InvalidOptionError)
    expect((error as Error).message).toContain('config.clusterCredential')
    expect((error as Error).message).toContain("'trust', 'application-credential'")
  })
})
