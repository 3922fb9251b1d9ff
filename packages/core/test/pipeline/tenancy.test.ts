import { createSession, ResourceNotFoundError } from '@magnum-ts/auth'
import { createCertStore, createCsr } from '@magnum-ts/certs'
import {
  type Cluster,
  ClusterOperationError,
  type ClusterTemplate,
  createMagnum,
  type Magnum,
} from '@magnum-ts/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { type PipelineFixture, pipelineOnFakeCloud, templateInput, twoProjectsWorld } from './support.js'
import { upgradableDriver } from './support-extra.js'

/**
 * Who may do what to whom (inventory §2 "Policies", Magnum's API controllers): the owner
 * project's member, a member of another project, and an admin (of the admin project), each on
 * the owner's resources. Outcomes: `ok`; `404` when the resource is invisible to the caller
 * (Magnum's tenant filter: another project's private objects do not exist for it); `403` when
 * the caller sees it but the policy refuses. `heat-404`: the policy let an admin through to another
 * project's stack, and Heat answered 404 (the fake's Heat, like most, shows a token only its own
 * project's stacks). No row expects it any more: an admin reaches another project's stacks as the
 * cluster's trustee, whose trust-scoped token belongs to the cluster's project.
 */
type Outcome = 'ok' | '404' | '403' | 'heat-404'
type Caller = 'owner' | 'other' | 'admin'

interface World {
  fixture: PipelineFixture
  as: Record<Caller, Magnum>
  ownerProject: string
  /** Owner's private templates: `priv` (used by `c1`), `spare` (unused), `priv-v2` (upgrade target). */
  priv: ClusterTemplate
  spare: ClusterTemplate
  privV2: ClusterTemplate
  /** The admin project's public template, and a public hidden one. */
  pub: ClusterTemplate
  pubHidden: ClusterTemplate
  /** The owner's CREATE_COMPLETE cluster. */
  c1: Cluster
}

async function buildWorld(): Promise<World> {
  const drivers = [upgradableDriver]
  // Trustee sessions the pipelines open go to the fake too.
  const fixture = await pipelineOnFakeCloud(
    (cloud) => ({ drivers, sessionOptions: { fetch: cloud.fetch } }),
    {},
    { world: twoProjectsWorld() },
  )
  Object.assign(fixture.cloud.state.compute.limits, { maxTotalInstances: 50, maxTotalCores: 200 })
  const pipeline = (user: string) =>
    createMagnum({
      session: fixture.cloud.session({ user }),
      store: fixture.store,
      drivers,
      certStore: createCertStore('store', { table: fixture.store.x509KeyPairs }),
      trustee: fixture.trustee,
      sessionOptions: { fetch: fixture.cloud.fetch },
    })
  const as = { owner: fixture.magnum, other: pipeline('alt'), admin: pipeline('admin') }
  const owner = as.owner.clusterTemplates
  const priv = await owner.create({ ...templateInput, name: 'priv' })
  const spare = await owner.create({ ...templateInput, name: 'spare' })
  const privV2 = await owner.create({ ...templateInput, name: 'priv-v2', labels: { kube_tag: 'v1.1.0' } })
  const pub = await as.admin.clusterTemplates.create({ ...templateInput, name: 'pub', public: true })
  const pubHidden = await as.admin.clusterTemplates.create({
    ...templateInput,
    name: 'pub-hidden',
    public: true,
    hidden: true,
  })
  const created = await as.owner.clusters.create({ name: 'c1', clusterTemplateId: priv.uuid, nodeCount: 1 })
  const c1 = (await as.owner.clusters.waitFor(created.uuid, 'CREATE_COMPLETE', { intervalMs: 5 }))!
  const ownerProject = (await fixture.session.context()).projectId!
  return { fixture, as, ownerProject, priv, spare, privV2, pub, pubHidden, c1 }
}

/** What a call ended in, as the REST API would answer it. */
async function outcomeOf(call: () => Promise<unknown>): Promise<Outcome | string> {
  try {
    await call()
    return 'ok'
  } catch (error) {
    if (error instanceof ResourceNotFoundError) return '404'
    if (error instanceof ClusterOperationError && /404|did not show stack/.test(error.message))
      return 'heat-404'
    const status = (error as { status?: number }).status
    if (status === 403 || status === 404) return String(status) as Outcome
    return `unexpected ${(error as Error).name}: ${(error as Error).message}`
  }
}

/** A list "finds" an object when it holds it; otherwise the object does not exist for the caller. */
async function listed<T extends { uuid: string }>(items: Promise<T[]>, uuid: string): Promise<void> {
  if (!(await items).some((i) => i.uuid === uuid))
    throw new ResourceNotFoundError({ resource: 'item', searched: uuid })
}

interface Row {
  op: string
  run: (m: Magnum, w: World) => Promise<unknown>
  expected: Record<Caller, Outcome>
  /** Changes state: runs on a fresh world per caller. */
  writes?: boolean
  /** Arranges the fresh world first (as the owner or an admin, never as the caller under test). */
  prepare?: (w: World) => Promise<unknown>
}

/** The owner's project quota row, for the rows that read or change it. */
const withQuota = (w: World) =>
  w.as.admin.quotas.create({ projectId: w.ownerProject, resource: 'Cluster', hardLimit: 10 })

const everyone = (o: Outcome): Record<Caller, Outcome> => ({ owner: o, other: o, admin: o })

const templateRows: Row[] = [
  {
    op: 'templates.create (private, own project)',
    run: (m) => m.clusterTemplates.create({ ...templateInput, name: 'mine' }),
    expected: everyone('ok'),
    writes: true,
  },
  {
    op: 'templates.create public=true (clustertemplate:publish is admin_api)',
    run: (m) => m.clusterTemplates.create({ ...templateInput, name: 'shared', public: true }),
    expected: { owner: '403', other: '403', admin: 'ok' },
    writes: true,
  },
  {
    op: "templates.list shows the owner's private template",
    run: (m, w) => listed(m.clusterTemplates.list(), w.priv.uuid),
    expected: { owner: 'ok', other: '404', admin: 'ok' },
  },
  {
    op: 'templates.list shows a public template of another project',
    run: (m, w) => listed(m.clusterTemplates.list(), w.pub.uuid),
    expected: everyone('ok'),
  },
  {
    op: 'templates.list shows a public hidden template (admins only)',
    run: (m, w) => listed(m.clusterTemplates.list(), w.pubHidden.uuid),
    expected: { owner: '404', other: '404', admin: 'ok' },
  },
  {
    op: "templates.get the owner's private template",
    run: (m, w) => m.clusterTemplates.get(w.priv.uuid),
    expected: { owner: 'ok', other: '404', admin: 'ok' },
  },
  {
    op: 'templates.get a public hidden template (GET finds any public template)',
    run: (m, w) => m.clusterTemplates.get(w.pubHidden.uuid),
    expected: everyone('ok'),
  },
  {
    op: "templates.update rename the owner's private template",
    run: (m, w) => m.clusterTemplates.update(w.spare.uuid, { name: 'renamed' }),
    expected: { owner: 'ok', other: '404', admin: 'ok' },
    writes: true,
  },
  {
    op: "templates.update public=true on the owner's template",
    run: (m, w) => m.clusterTemplates.update(w.spare.uuid, { public: true }),
    expected: { owner: '403', other: '404', admin: 'ok' },
    writes: true,
  },
  {
    op: 'templates.update hidden=true on a public template',
    run: (m, w) => m.clusterTemplates.update(w.pub.uuid, { hidden: true }),
    expected: { owner: '403', other: '403', admin: 'ok' },
    writes: true,
  },
  {
    // Magnum: clustertemplate:update is deny_cluster_user and the lookup includes public templates.
    op: 'templates.update rename a public template of another project',
    run: (m, w) => m.clusterTemplates.update(w.pub.uuid, { name: 'pub-renamed' }),
    expected: everyone('ok'),
    writes: true,
  },
  {
    op: "templates.delete the owner's unused private template",
    run: (m, w) => m.clusterTemplates.delete(w.spare.uuid),
    expected: { owner: 'ok', other: '404', admin: 'ok' },
    writes: true,
  },
]

const clusterRows: Row[] = [
  {
    // Magnum's REST API answers an invisible cluster_template_id in a body with 400 (§2 Errors).
    op: "clusters.create from the owner's private template",
    run: (m, w) => m.clusters.create({ name: 'c2', clusterTemplateId: w.priv.uuid, nodeCount: 1 }),
    expected: { owner: 'ok', other: '404', admin: 'ok' },
    writes: true,
  },
  {
    op: 'clusters.create from a public template of another project',
    run: (m, w) => m.clusters.create({ name: 'c2', clusterTemplateId: w.pub.uuid, nodeCount: 1 }),
    expected: everyone('ok'),
    writes: true,
  },
  {
    op: "clusters.list shows the owner's cluster",
    run: (m, w) => listed(m.clusters.list(), w.c1.uuid),
    expected: { owner: 'ok', other: '404', admin: 'ok' },
  },
  {
    op: 'clusters.get',
    run: (m, w) => m.clusters.get(w.c1.uuid),
    expected: { owner: 'ok', other: '404', admin: 'ok' },
  },
  {
    op: 'clusters.get by name',
    run: (m) => m.clusters.get('c1'),
    expected: { owner: 'ok', other: '404', admin: 'ok' },
  },
  {
    op: 'clusters.config',
    run: (m, w) => m.clusters.config(w.c1.uuid),
    expected: { owner: 'ok', other: '404', admin: 'ok' },
  },
  {
    op: 'clusters.update node_count',
    run: (m, w) => m.clusters.update(w.c1.uuid, { nodeCount: 2 }),
    expected: { owner: 'ok', other: '404', admin: 'ok' },
    writes: true,
  },
  {
    op: 'clusters.resize',
    run: (m, w) => m.clusters.resize(w.c1.uuid, { nodeCount: 2 }),
    expected: { owner: 'ok', other: '404', admin: 'ok' },
    writes: true,
  },
  {
    op: 'clusters.upgrade',
    run: (m, w) => m.clusters.upgrade(w.c1.uuid, { clusterTemplate: w.privV2.uuid }),
    expected: { owner: 'ok', other: '404', admin: 'ok' },
    writes: true,
  },
  {
    op: 'clusters.delete',
    run: (m, w) => m.clusters.delete(w.c1.uuid),
    expected: { owner: 'ok', other: '404', admin: 'ok' },
    writes: true,
  },
]

/** A CSR as a node makes it. */
async function nodeCsr(): Promise<string> {
  return (await createCsr({ cn: 'system:node:c1-minion-0', o: 'system:nodes' })).csrPem
}

const certificateRows: Row[] = [
  {
    op: 'certificates.get (admin_or_user or cluster_user)',
    run: (m, w) => m.certificates.get(w.c1.uuid),
    expected: { owner: 'ok', other: '403', admin: 'ok' },
  },
  {
    op: 'certificates.sign',
    run: async (m, w) => m.certificates.sign(w.c1.uuid, await nodeCsr()),
    expected: { owner: 'ok', other: '403', admin: 'ok' },
  },
  {
    op: 'certificates.rotate (admin_or_owner)',
    run: (m, w) => m.certificates.rotate(w.c1.uuid),
    expected: { owner: 'ok', other: '403', admin: 'ok' },
    writes: true,
  },
]

const quotaRows: Row[] = [
  {
    op: "quotas.create for the owner's project (admin_api)",
    run: (m, w) => m.quotas.create({ projectId: w.ownerProject, resource: 'Cluster', hardLimit: 5 }),
    expected: { owner: '403', other: '403', admin: 'ok' },
    writes: true,
  },
  {
    op: "quotas.get the owner's project (admin_or_owner)",
    run: (m, w) => m.quotas.get(w.ownerProject),
    expected: { owner: 'ok', other: '403', admin: 'ok' },
  },
  {
    op: 'quotas.list (admin_api)',
    run: (m) => m.quotas.list(),
    expected: { owner: '403', other: '403', admin: 'ok' },
  },
  {
    op: "quotas.update the owner's project (admin_api)",
    run: (m, w) => m.quotas.update(w.ownerProject, 'Cluster', { hardLimit: 7 }),
    expected: { owner: '403', other: '403', admin: 'ok' },
    writes: true,
    prepare: withQuota,
  },
  {
    op: "quotas.delete the owner's project (admin_api)",
    run: (m, w) => m.quotas.delete(w.ownerProject),
    expected: { owner: '403', other: '403', admin: 'ok' },
    writes: true,
    prepare: withQuota,
  },
]

const statsRows: Row[] = [
  { op: 'stats of the own project', run: (m) => m.stats(), expected: everyone('ok') },
  {
    op: "stats of the owner's project (admin_or_owner)",
    run: (m, w) => m.stats({ projectId: w.ownerProject }),
    expected: { owner: 'ok', other: '403', admin: 'ok' },
  },
]

const nodegroupRows: Row[] = [
  {
    op: 'nodegroups.list (admin_or_owner)',
    run: (m, w) => m.nodegroups.list(w.c1.uuid),
    expected: { owner: 'ok', other: '404', admin: 'ok' },
  },
  {
    op: 'nodegroups.get',
    run: (m, w) => m.nodegroups.get(w.c1.uuid, 'default-worker'),
    expected: { owner: 'ok', other: '404', admin: 'ok' },
  },
  {
    op: 'nodegroups.update',
    run: (m, w) => m.nodegroups.update(w.c1.uuid, 'default-worker', { maxNodeCount: 5 }),
    expected: { owner: 'ok', other: '404', admin: 'ok' },
    writes: true,
  },
  {
    op: 'nodegroups.create',
    run: (m, w) => m.nodegroups.create(w.c1.uuid, { name: 'extra', nodeCount: 1 }),
    expected: { owner: 'ok', other: '404', admin: 'ok' },
    writes: true,
  },
]

const tables: [string, Row[]][] = [
  ['cluster templates', templateRows],
  ['clusters', clusterRows],
  ['certificates', certificateRows],
  ['quotas', quotaRows],
  ['stats', statsRows],
  ['nodegroups', nodegroupRows],
]

for (const [area, rows] of tables) {
  describe(`tenancy matrix: ${area}`, () => {
    let shared: World
    beforeAll(async () => {
      shared = await buildWorld()
      await withQuota(shared)
    })
    for (const row of rows) {
      for (const caller of ['owner', 'other', 'admin'] as const) {
        it(`${row.op} — ${caller} → ${row.expected[caller]}`, async () => {
          let world = shared
          if (row.writes) {
            world = await buildWorld()
            await row.prepare?.(world)
          }
          expect(await outcomeOf(() => row.run(world.as[caller], world))).toBe(row.expected[caller])
        })
      }
    }
  })
}

describe('tenancy: the cluster’s trustee, as its nodes authenticate', () => {
  let world: World
  let trusteeView: Magnum
  beforeAll(async () => {
    world = await buildWorld()
    const cluster = (await world.fixture.store.clusters.get(world.c1.uuid))!
    // What the nodes do: the trustee's password, scoped by the trust (Heat parameters trustee_*, trust_id).
    const session = createSession(
      {
        auth: {
          authUrl: world.fixture.cloud.authUrl,
          username: cluster.trusteeUsername!,
          password: cluster.trusteePassword!,
          userDomainId: world.fixture.trustee.domainId,
          trustId: cluster.trustId!,
        },
      },
      { fetch: world.fixture.cloud.fetch },
    )
    trusteeView = createMagnum({
      session,
      store: world.fixture.store,
      drivers: [upgradableDriver],
      certStore: createCertStore('store', { table: world.fixture.store.x509KeyPairs }),
      trustee: world.fixture.trustee,
    })
  })

  it('fetches the CA and has a node CSR signed', async () => {
    expect((await trusteeView.certificates.get(world.c1.uuid)).pem).toContain('BEGIN CERTIFICATE')
    expect((await trusteeView.certificates.sign(world.c1.uuid, await nodeCsr())).pem).toContain(
      'BEGIN CERTIFICATE',
    )
  })
})

describe('tenancy of the background work on a shared store', () => {
  it("one process syncs every project's clusters: another project's create completes through the owner's process", async () => {
    const world = await buildWorld()
    const theirs = await world.as.other.clusters.create({
      name: 'theirs',
      clusterTemplateId: world.pub.uuid,
      nodeCount: 1,
    })
    // The owner's process reads that stack as the cluster's trustee (a token of the alt project).
    const report = await world.as.owner.sync.runOnce()
    expect(report.transitions).toEqual([
      { clusterId: theirs.uuid, from: 'CREATE_IN_PROGRESS', to: 'CREATE_COMPLETE' },
    ])
    expect(report.trusteeFailures).toEqual([])
    const done = (await world.fixture.store.clusters.get(theirs.uuid))!
    expect(done.status).toBe('CREATE_COMPLETE')
    expect(done.apiAddress).toMatch(/^https:\/\//)
  })

  it("an admin deletes another project's cluster through its trustee: DELETE_COMPLETE, nothing left behind", async () => {
    const world = await buildWorld()
    const stackId = world.c1.stackId!
    await world.as.admin.clusters.delete(world.c1.uuid)
    await world.as.admin.clusters.waitFor(world.c1.uuid, 'DELETE_COMPLETE', { intervalMs: 5 })
    expect(await world.fixture.store.clusters.get(world.c1.uuid)).toBeUndefined()
    // Heat keeps deleted stacks for lookups by id: this one was deleted, as the trustee could.
    expect(world.fixture.cloud.state.orchestration.stacks.get(stackId)?.deletedAt).toBeTruthy()
    world.fixture.cloud.assertNoOrphans()
  })
})
