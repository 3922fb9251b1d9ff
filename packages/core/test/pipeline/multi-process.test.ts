import { randomBytes } from 'node:crypto'
import { createCertStore } from '@magnum-ts/certs'
import { type ClusterStatusEvent, createMagnum, postgresStore, type Store } from '@magnum-ts/core'
import { createFakeCloud, type FakeCloud } from '@magnum-ts/testing'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postgresDatabaseUrl, postgresSetting, postgresSkipReason } from './postgres-server.js'
import { templateInput, testDriver } from './support.js'

const database = `magnum_ts_mp_${randomBytes(6).toString('hex')}`

const skipReason = await postgresSkipReason()
if (skipReason !== undefined) console.warn(`two-process PostgreSQL pipeline test skipped: ${skipReason}`)

/** One "process": its own pool on the shared database, its own sessions, its own sync owner. */
async function conductor(cloud: FakeCloud, ownerId: string) {
  const store = await postgresStore(postgresDatabaseUrl(database))
  const trustee = cloud.trusteeAdmin()
  const magnum = createMagnum({
    session: cloud.session(),
    store,
    drivers: [testDriver],
    certStore: createCertStore('store', { table: store.x509KeyPairs }),
    trustee,
    config: { syncOwnerId: ownerId },
  })
  const events: ClusterStatusEvent[] = []
  magnum.events.on((e) => events.push(e))
  return { ownerId, store, magnum, events }
}

type Conductor = Awaited<ReturnType<typeof conductor>>

describe.skipIf(skipReason !== undefined)('two processes sharing one PostgreSQL store', () => {
  const admin = new pg.Pool({ connectionString: postgresSetting, max: 1 })
  let stores: Store[] = []
  beforeAll(async () => {
    await admin.query(`CREATE DATABASE ${database}`)
  })
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()))
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    await admin.end()
  })

  it('syncs each cluster in exactly one of them, loses none, and leaves no orphans', async () => {
    const cloud = createFakeCloud({ heat: { resourceSeconds: 0 } })
    // Six two-server clusters: more than the seeded project's compute quota of ten instances.
    Object.assign(cloud.state.compute.limits, {
      maxTotalInstances: 50,
      maxTotalCores: 200,
      maxTotalRAMSize: 409_600,
    })
    const one = await conductor(cloud, 'conductor-one')
    const two = await conductor(cloud, 'conductor-two')
    stores = [one.store, two.store]

    const template = await one.magnum.clusterTemplates.create(templateInput)
    const first = await Promise.all(
      [0, 1, 2].map((i) =>
        one.magnum.clusters.create({ name: `one_${i}`, clusterTemplateId: template.uuid, nodeCount: 1 }),
      ),
    )
    // Conductor one's cycle holds its leases while Heat answers slowly; the clusters created
    // meanwhile (through conductor two) are free, so two's concurrent cycle must take exactly those.
    const slowHeat = cloud.faults.add({ service: 'orchestration', latencyMs: 300, times: 1 })
    const cycleOne = one.magnum.sync.runOnce()
    await expect.poll(() => one.store.leases.get(first[0]!.uuid), { interval: 5 }).toBeTruthy()
    const second = await Promise.all(
      [0, 1, 2].map((i) =>
        two.magnum.clusters.create({ name: `two_${i}`, clusterTemplateId: template.uuid, nodeCount: 1 }),
      ),
    )
    const cycleTwo = two.magnum.sync.runOnce()
    const [reportOne, reportTwo] = await Promise.all([cycleOne, cycleTwo])
    expect(slowHeat.hits()).toBe(1)
    expect(reportOne.clusters).toBe(3)
    expect(reportTwo.clusters).toBe(3)
    const byOne = new Set(reportOne.transitions.map((t) => t.clusterId))
    const byTwo = new Set(reportTwo.transitions.map((t) => t.clusterId))
    expect(byOne).toEqual(new Set(first.map((c) => c.uuid)))
    expect(byTwo).toEqual(new Set(second.map((c) => c.uuid)))

    const all = [...first, ...second]
    // Both loops keep running concurrently until every cluster reports CREATE_COMPLETE.
    await runBoth([one, two], all, 'CREATE_COMPLETE')
    expectEachFinishedByExactlyOne([one, two], all, 'CREATE_COMPLETE')
    expect(one.events.some((e) => e.to === 'CREATE_COMPLETE')).toBe(true)
    expect(two.events.some((e) => e.to === 'CREATE_COMPLETE')).toBe(true)

    // Deletes requested through either process; both loops finish them, again once each.
    await Promise.all(all.map((c, i) => (i % 2 ? one : two).magnum.clusters.delete(c.uuid)))
    await runBoth([one, two], all, 'DELETE_COMPLETE')
    expectEachFinishedByExactlyOne([one, two], all, 'DELETE_COMPLETE')
    expect(await one.store.clusters.list()).toEqual([])
    expect(await two.store.nodegroups.list()).toEqual([])
    cloud.assertNoOrphans()
  }, 60_000)
})

/** Runs both sync loops side by side, checking every round that no cluster was synced twice. */
async function runBoth(conductors: Conductor[], clusters: { uuid: string }[], goal: string) {
  const done = () =>
    clusters.every((c) =>
      conductors.some((p) => p.events.some((e) => e.clusterId === c.uuid && e.to === goal)),
    )
  for (let round = 0; round < 100 && !done(); round++) {
    const reports = await Promise.all(conductors.map((p) => p.magnum.sync.runOnce()))
    const moved = reports.flatMap((r) => r.transitions.map((t) => t.clusterId))
    expect(new Set(moved).size).toBe(moved.length)
    expect(reports.reduce((sum, r) => sum + r.clusters, 0)).toBeLessThanOrEqual(clusters.length)
  }
  expect(done()).toBe(true)
}

function expectEachFinishedByExactlyOne(conductors: Conductor[], clusters: { uuid: string }[], goal: string) {
  for (const cluster of clusters) {
    const finishers = conductors.filter((p) =>
      p.events.some((e) => e.clusterId === cluster.uuid && e.to === goal),
    )
    const finishes = conductors
      .flatMap((p) => p.events)
      .filter((e) => e.clusterId === cluster.uuid && e.to === goal)
    expect(finishers, `${cluster.uuid} reached ${goal} in exactly one process`).toHaveLength(1)
    expect(finishes).toHaveLength(1)
  }
}
