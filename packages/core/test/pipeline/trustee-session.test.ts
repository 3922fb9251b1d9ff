import { createCertStore } from '@magnum-ts/certs'
import { type Cluster, createMagnum, type Magnum } from '@magnum-ts/core'
import { createFakeCloud, type FakeCloud } from '@magnum-ts/testing'
import { describe, expect, it } from 'vitest'
import { createTrusteeSessions, TrusteeCredentialsMissingError } from '../../src/pipeline/trustee-session.js'
import {
  type PipelineFixture,
  pipelineOnFakeCloud,
  templateInput,
  testDriver,
  twoProjectsWorld,
} from './support.js'

/** One HTTP request the pipeline sent, and which of its sessions sent it. */
interface Seen {
  by: 'pipeline' | 'trustee'
  method: string
  url: string
  body: string
}

interface Setup {
  fixture: PipelineFixture
  /** `demo`'s pipeline: the process under test. */
  owner: Magnum
  /** `alt`'s pipeline on the same store (used to create and delete, never to sync). */
  alt: Magnum
  seen: Seen[]
  /** Each project's own private template. */
  templates: { owner: string; alt: string }
  projects: { own: string; alt: string }
}

async function setup(config: { syncPageSize?: number } = {}): Promise<Setup> {
  const seen: Seen[] = []
  let cloud: FakeCloud | undefined
  const recording =
    (by: Seen['by']): typeof globalThis.fetch =>
    async (input, init) => {
      const request = new Request(input, init)
      const body = request.method === 'POST' ? await request.clone().text() : ''
      seen.push({ by, method: request.method, url: request.url, body })
      return cloud!.fetch(request)
    }
  const fixture = await pipelineOnFakeCloud(
    (c) => {
      cloud = c
      return { sessionOptions: { fetch: recording('trustee') }, config }
    },
    { fetch: recording('pipeline') },
    { world: twoProjectsWorld() },
  )
  const alt = createMagnum({
    session: fixture.cloud.session({ user: 'alt' }),
    store: fixture.store,
    drivers: [testDriver],
    certStore: createCertStore('store', { table: fixture.store.x509KeyPairs }),
    trustee: fixture.trustee,
  })
  const template = await fixture.magnum.clusterTemplates.create(templateInput)
  const altTemplate = await alt.clusterTemplates.create({ ...templateInput, name: 'alt-k8s' })
  const own = (await fixture.session.context()).projectId!
  const altProject = (await fixture.cloud.session({ user: 'alt' }).context()).projectId!
  return {
    fixture,
    owner: fixture.magnum,
    alt,
    seen,
    templates: { owner: template.uuid, alt: altTemplate.uuid },
    projects: { own, alt: altProject },
  }
}

async function createClusters(s: Setup, who: 'owner' | 'alt', names: string[]): Promise<Cluster[]> {
  const magnum = who === 'owner' ? s.owner : s.alt
  const out: Cluster[] = []
  for (const name of names)
    out.push(await magnum.clusters.create({ name, clusterTemplateId: s.templates[who], nodeCount: 1 }))
  return out
}

/** Heat list requests (`GET …/stacks?…`) per project id in the URL. */
function listCallsByProject(seen: Seen[], projects: Setup['projects']) {
  const lists = seen.filter((r) => r.method === 'GET' && new URL(r.url).pathname.endsWith('/stacks'))
  const of = (project: string) => lists.filter((r) => new URL(r.url).pathname.includes(`/${project}/`))
  return {
    own: of(projects.own),
    alt: of(projects.alt),
    total: lists.length,
  }
}

/** Keystone token requests scoped by a trust. */
const trustAuths = (seen: Seen[]) =>
  seen.filter(
    (r) => r.method === 'POST' && r.url.endsWith('/auth/tokens') && r.body.includes('"OS-TRUST:trust"'),
  )

describe('trustee sessions: the status sync over every project', () => {
  it("syncs two projects' clusters in one store to CREATE_COMPLETE with one Heat list call per project per cycle and one trust-scoped auth per project per process", async () => {
    const s = await setup()
    s.fixture.cloud.heat.settings.resourceSeconds = 60
    const own = await createClusters(s, 'owner', ['o1', 'o2'])
    const theirs = await createClusters(s, 'alt', ['a1', 'a2', 'a3'])
    s.seen.length = 0

    const reports = []
    const all = [...own, ...theirs]
    const inProgress = async (cs: Cluster[]) =>
      (await Promise.all(cs.map((c) => s.fixture.store.clusters.get(c.uuid)))).some(
        (c) => c?.status === 'CREATE_IN_PROGRESS',
      )
    while (await inProgress(all)) {
      const expected = { own: (await inProgress(own)) ? 1 : 0, alt: (await inProgress(theirs)) ? 1 : 0 }
      const before = s.seen.length
      reports.push(await s.owner.sync.runOnce())
      const calls = listCallsByProject(s.seen.slice(before), s.projects)
      // Each project's stacks are read with a token of that project: the pipeline's, or a trustee's.
      expect(calls.own.map((r) => r.by)).toEqual(Array(expected.own).fill('pipeline'))
      expect(calls.alt.map((r) => r.by)).toEqual(Array(expected.alt).fill('trustee'))
      expect(calls.total).toBe(expected.own + expected.alt)
      expect(reports.length).toBeLessThan(50)
      s.fixture.cloud.clock.advance(60_000)
    }
    expect(reports.length).toBeGreaterThanOrEqual(3)
    expect(reports[0]!.clusters).toBe(5)
    expect(reports[0]!.heatListCallsByProject).toEqual({ [s.projects.own]: 1, [s.projects.alt]: 1 })
    expect(reports[0]!.heatListCalls).toBe(2)
    const statuses = await Promise.all(all.map((c) => s.fixture.store.clusters.get(c.uuid)))
    expect(statuses.map((c) => c?.status)).toEqual(Array(5).fill('CREATE_COMPLETE'))
    expect(reports.flatMap((r) => r.trusteeFailures)).toEqual([])

    // Several cycles, one Keystone auth as a trustee: a trust of the alt project, for user id + password.
    const auths = trustAuths(s.seen)
    expect(auths).toHaveLength(1)
    const body = JSON.parse(auths[0]!.body)
    const trusts = theirs.map((c) => c.uuid)
    const rows = await Promise.all(trusts.map((id) => s.fixture.store.clusters.get(id)))
    expect(rows.map((c) => c?.trustId)).toContain(body.auth.scope['OS-TRUST:trust'].id)
    const used = rows.find((c) => c?.trustId === body.auth.scope['OS-TRUST:trust'].id)!
    expect(body.auth.identity).toEqual({
      methods: ['password'],
      password: { user: { id: used.trusteeUserId, password: used.trusteePassword } },
    })
    // The pipeline's own project needed no extra auth.
    expect(s.seen.filter((r) => r.by === 'pipeline' && r.url.endsWith('/auth/tokens'))).toEqual([])
  })

  it('keeps ⌈N / page size⌉ list calls per project', async () => {
    const s = await setup({ syncPageSize: 2 })
    s.fixture.cloud.heat.settings.resourceSeconds = 3600
    await createClusters(s, 'owner', ['o1', 'o2', 'o3'])
    await createClusters(s, 'alt', ['a1', 'a2', 'a3', 'a4', 'a5'])
    s.seen.length = 0
    const report = await s.owner.sync.runOnce()
    const calls = listCallsByProject(s.seen, s.projects)
    expect(calls.own).toHaveLength(2) // ⌈3 / 2⌉
    expect(calls.alt).toHaveLength(3) // ⌈5 / 2⌉
    expect(report.heatListCallsByProject).toEqual({ [s.projects.own]: 2, [s.projects.alt]: 3 })
    expect(report.heatListCalls).toBe(5)
  })

  it('reports a cluster whose trust was revoked (status reason naming the trust) and syncs the others', async () => {
    const s = await setup()
    s.fixture.cloud.heat.settings.resourceSeconds = 60
    const [mine] = await createClusters(s, 'owner', ['o1'])
    const [revoked] = await createClusters(s, 'alt', ['a1'])
    const row = (await s.fixture.store.clusters.get(revoked!.uuid))!
    s.fixture.cloud.state.identity.trusts.delete(row.trustId!)

    s.fixture.cloud.clock.advance(10 * 60_000)
    const report = await s.owner.sync.runOnce()
    expect(report.transitions).toEqual([
      { clusterId: mine!.uuid, from: 'CREATE_IN_PROGRESS', to: 'CREATE_COMPLETE' },
    ])
    expect(report.trusteeFailures).toEqual([
      { clusterId: revoked!.uuid, projectId: s.projects.alt, reason: expect.stringContaining(row.trustId!) },
    ])
    const after = (await s.fixture.store.clusters.get(revoked!.uuid))!
    // Left as it was (its stack was not read), with the reason for an operator to see.
    expect(after.status).toBe('CREATE_IN_PROGRESS')
    expect(after.statusReason).toContain(`trust ${row.trustId}`)
    expect(after.statusReason).toMatch(/refused the credentials/)
  })

  it("another cluster's trustee in the project reads a revoked one's stack: every cluster completes", async () => {
    const s = await setup()
    s.fixture.cloud.heat.settings.resourceSeconds = 60
    const theirs = await createClusters(s, 'alt', ['a1', 'a2'])
    const row = (await s.fixture.store.clusters.get(theirs[0]!.uuid))!
    s.fixture.cloud.state.identity.trusts.delete(row.trustId!)
    s.fixture.cloud.clock.advance(10 * 60_000)
    const report = await s.owner.sync.runOnce()
    expect(report.transitions.map((t) => t.to)).toEqual(['CREATE_COMPLETE', 'CREATE_COMPLETE'])
    expect(report.trusteeFailures.map((f) => f.clusterId)).not.toContain(theirs[1]!.uuid)
  })

  it("finishes another project's delete and removes its trust as the trustee: no orphans", async () => {
    const s = await setup()
    const [theirs] = await createClusters(s, 'alt', ['a1'])
    await s.owner.sync.runOnce()
    expect((await s.fixture.store.clusters.get(theirs!.uuid))?.status).toBe('CREATE_COMPLETE')
    // alt's delete sends the stack delete; the owner's process sees it through and cleans up.
    const deleting = await s.alt.clusters.delete(theirs!.uuid)
    expect(deleting?.status).toBe('DELETE_IN_PROGRESS')
    const report = await s.owner.sync.runOnce()
    expect(report.transitions).toEqual([
      { clusterId: theirs!.uuid, from: 'DELETE_IN_PROGRESS', to: 'DELETE_COMPLETE' },
    ])
    expect(await s.fixture.store.clusters.get(theirs!.uuid)).toBeUndefined()
    // The trust was deleted with the trustee's token (impersonating its trustor, alt).
    const deletes = s.seen.filter((r) => r.method === 'DELETE' && r.url.includes('/OS-TRUST/trusts/'))
    expect(deletes.map((r) => r.by)).toEqual(['trustee'])
    s.fixture.cloud.assertNoOrphans()
  })
})

describe('trustee sessions: deletes of clusters whose trust is gone', () => {
  it("finishes another project's delete whose trust was revoked: the trustee user is still removed", async () => {
    const s = await setup()
    const [revoked, other] = await createClusters(s, 'alt', ['a1', 'a2'])
    await s.owner.sync.runOnce()
    const row = (await s.fixture.store.clusters.get(revoked!.uuid))!
    s.fixture.cloud.state.identity.trusts.delete(row.trustId!)
    await s.alt.clusters.delete(revoked!.uuid)
    // a1's trustee no longer authenticates; a2's reads the project's stacks, a1's delete completes.
    const report = await s.owner.sync.runOnce()
    expect(report.transitions).toEqual([
      { clusterId: revoked!.uuid, from: 'DELETE_IN_PROGRESS', to: 'DELETE_COMPLETE' },
    ])
    expect(await s.fixture.store.clusters.get(revoked!.uuid)).toBeUndefined()
    expect(s.fixture.cloud.state.identity.users.has(row.trusteeUserId!)).toBe(false)
    expect((await s.fixture.store.clusters.get(other!.uuid))?.status).toBe('CREATE_COMPLETE')
  })
})

describe('createTrusteeSessions', () => {
  const cloud = createFakeCloud()
  const row = (n: number) => ({
    uuid: `cluster-${n}`,
    projectId: 'p',
    trustId: `trust-${n}`,
    trusteeUserId: `user-${n}`,
    trusteePassword: `pw-${n}`,
  })

  it('refuses a row without trustee credentials with an error naming the cluster and what is missing', () => {
    const sessions = createTrusteeSessions({ pipelineSession: cloud.session() })
    const error = (() => {
      try {
        sessions.forCluster({ ...row(1), trusteePassword: undefined, trustId: undefined })
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(TrusteeCredentialsMissingError)
    expect((error as TrusteeCredentialsMissingError).clusterId).toBe('cluster-1')
    expect((error as TrusteeCredentialsMissingError).missing).toEqual(['trustee password', 'trust id'])
    expect((error as Error).message).toMatch(
      /Cluster cluster-1 has no trustee password, trust id stored.*Fix:/,
    )
  })

  it("authenticates as the trustee with the trust, reusing the pipeline session's auth URL, region and overrides", () => {
    const pipelineSession = cloud.session()
    Object.assign(pipelineSession.config, {
      regionName: 'RegionTwo',
      interface: 'internal',
      endpointOverrides: { orchestration: 'http://heat.test/v1/%(project_id)s' },
      cacert: '/etc/ssl/ca.pem',
    })
    const session = createTrusteeSessions({ pipelineSession }).forCluster(row(1))
    expect(session.config).toEqual({
      authType: 'password',
      auth: { authUrl: cloud.authUrl, userId: 'user-1', password: 'pw-1', trustId: 'trust-1' },
      regionName: 'RegionTwo',
      interface: 'internal',
      endpointOverrides: { orchestration: 'http://heat.test/v1/%(project_id)s' },
      cacert: '/etc/ssl/ca.pem',
    })
  })

  it('keeps one session per trust, at most maxSize (least recently used dropped), and forgets on request', () => {
    const sessions = createTrusteeSessions({ pipelineSession: cloud.session(), maxSize: 2 })
    const first = sessions.forCluster(row(1))
    expect(sessions.forCluster(row(1))).toBe(first)
    const second = sessions.forCluster(row(2))
    sessions.forCluster(row(1)) // 1 is now the most recently used
    sessions.forCluster(row(3)) // evicts 2
    expect(sessions.size).toBe(2)
    expect(sessions.forCluster(row(1))).toBe(first)
    expect(sessions.forCluster(row(2))).not.toBe(second)
    sessions.forget(row(1))
    expect(sessions.forCluster(row(1))).not.toBe(first)
  })

  it('offers the session that last worked for a project first, then the given clusters in order', () => {
    const sessions = createTrusteeSessions({ pipelineSession: cloud.session() })
    const order = (rows: ReturnType<typeof row>[]) =>
      [...sessions.candidatesFor('p', rows)].map((c) => c.cluster.uuid)
    expect(order([row(1), row(2)])).toEqual(['cluster-1', 'cluster-2'])
    sessions.worked(row(2))
    expect(order([row(1), row(2), row(3)])).toEqual(['cluster-2', 'cluster-1', 'cluster-3'])
    const missing = [...sessions.candidatesFor('q', [{ ...row(4), trustId: undefined }])]
    expect(missing[0]?.error).toBeInstanceOf(TrusteeCredentialsMissingError)
    sessions.forget(row(2))
    expect(order([row(1)])).toEqual(['cluster-1'])
  })
})
