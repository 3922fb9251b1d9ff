import { createPublicKey, X509Certificate } from 'node:crypto'
import {
  CLUSTER_STATUSES,
  type Cluster,
  type ClusterCredentials,
  type ClusterDriver,
  type ClusterHealthEvent,
  type ClusterStatus,
  HEALTH_MONITORED_STATUSES,
  type Health,
} from '@magnum-ts/core'
import { describe, expect, it } from 'vitest'
import { type PipelineFixture, pipelineOnFakeCloud, templateInput, testDriver } from './support.js'
import { pipelineAs } from './support-extra.js'

interface ProbeCall {
  cluster: Cluster
  credentials: ClusterCredentials
  signal: AbortSignal | undefined
}

/** `testDriver` with a health probe the test scripts: `answer` decides each result. */
function monitoredDriver(answer: (cluster: Cluster, signal?: AbortSignal) => Promise<Health> | Health) {
  const calls: ProbeCall[] = []
  const driver: ClusterDriver = {
    ...testDriver,
    name: 'test_vm_fedora_atomic_monitored',
    async health(cluster, credentials, options) {
      calls.push({ cluster, credentials, signal: options?.signal })
      return answer(cluster, options?.signal)
    },
  }
  return { driver, calls }
}

const healthy: Health = { status: 'HEALTHY', reason: { api: 'ok', 'node-0.Ready': true } }

async function completeCluster(fixture: PipelineFixture, name: string): Promise<Cluster> {
  const { magnum } = fixture
  const template =
    (await magnum.clusterTemplates.list()).find((t) => t.name === templateInput.name) ??
    (await magnum.clusterTemplates.create(templateInput))
  const created = await magnum.clusters.create({ name, clusterTemplateId: template.uuid, nodeCount: 1 })
  return (await magnum.clusters.waitFor(created.uuid, 'CREATE_COMPLETE', { intervalMs: 5 }))!
}

async function setClusterStatus(fixture: PipelineFixture, uuid: string, status: ClusterStatus) {
  const current = (await fixture.store.clusters.get(uuid))!
  await fixture.store.clusters.update({ ...current, status })
}

describe('magnum.health: which clusters are probed', () => {
  it('probes exactly the CREATE_COMPLETE, UPDATE_COMPLETE, UPDATE_IN_PROGRESS and ROLLBACK_IN_PROGRESS clusters', async () => {
    const { driver, calls } = monitoredDriver(() => healthy)
    const fixture = await pipelineOnFakeCloud({ drivers: [driver] })
    const cluster = await completeCluster(fixture, 'watched')
    const probed: ClusterStatus[] = []
    for (const status of CLUSTER_STATUSES) {
      await setClusterStatus(fixture, cluster.uuid, status)
      const before = calls.length
      const report = await fixture.magnum.health.runOnce()
      if (calls.length > before) probed.push(status)
      expect(report.clusters).toBe(calls.length - before)
    }
    expect(probed.sort()).toEqual(
      ['CREATE_COMPLETE', 'ROLLBACK_IN_PROGRESS', 'UPDATE_COMPLETE', 'UPDATE_IN_PROGRESS'].sort(),
    )
    expect([...HEALTH_MONITORED_STATUSES].sort()).toEqual(probed)
  })

  it('leaves clusters whose driver has no monitor untouched', async () => {
    const fixture = await pipelineOnFakeCloud()
    const cluster = await completeCluster(fixture, 'unmonitored')
    const report = await fixture.magnum.health.runOnce()
    expect(report).toEqual({ clusters: 0, skipped: 0, results: [] })
    const after = await fixture.magnum.clusters.get(cluster.uuid)
    expect(after.healthStatus).toBeUndefined()
    expect(after.updatedAt).toEqual(cluster.updatedAt)
  })
})

describe('magnum.health: what the driver receives and what is stored', () => {
  it('passes the cluster CA and a conductor client cert (CN=admin, O=system:masters) that verifies against it', async () => {
    const { driver, calls } = monitoredDriver(() => healthy)
    const fixture = await pipelineOnFakeCloud({ drivers: [driver] })
    const cluster = await completeCluster(fixture, 'creds')
    await fixture.magnum.health.runOnce()
    expect(calls).toHaveLength(1)
    const { credentials, signal } = calls[0]!
    expect(credentials.ca).toBe((await fixture.magnum.certificates.get(cluster.uuid)).pem)
    const ca = new X509Certificate(credentials.ca)
    const cert = new X509Certificate(credentials.cert)
    expect(cert.checkIssued(ca)).toBe(true)
    expect(cert.verify(ca.publicKey)).toBe(true)
    expect(cert.subject).toContain('CN=admin')
    expect(cert.subject).toContain('O=system:masters')
    // The key is the certificate's own (the conductor's stored key, decrypted).
    expect(createPublicKey(credentials.key).export({ format: 'pem', type: 'spki' })).toBe(
      cert.publicKey.export({ format: 'pem', type: 'spki' }),
    )
    expect(signal).toBeInstanceOf(AbortSignal)
    expect(calls[0]!.cluster.uuid).toBe(cluster.uuid)
  })

  it('stores healthStatus and healthStatusReason, visible through clusters.get, without touching the status', async () => {
    const { driver } = monitoredDriver(() => ({
      status: 'UNHEALTHY',
      reason: { api: 'ok', 'node-0.Ready': false },
    }))
    const fixture = await pipelineOnFakeCloud({ drivers: [driver] })
    const cluster = await completeCluster(fixture, 'sick')
    const report = await fixture.magnum.health.runOnce()
    expect(report.results).toEqual([
      {
        clusterId: cluster.uuid,
        status: 'UNHEALTHY',
        reason: { api: 'ok', 'node-0.Ready': false },
        previous: undefined,
        changed: true,
      },
    ])
    const seen = await fixture.magnum.clusters.get('sick')
    expect(seen.healthStatus).toBe('UNHEALTHY')
    expect(seen.healthStatusReason).toEqual({ api: 'ok', 'node-0.Ready': false })
    expect(seen.status).toBe('CREATE_COMPLETE')
    expect(seen.nodeAddresses).toEqual(cluster.nodeAddresses)
  })

  it('a probe that throws is UNKNOWN with the error in the reason; the other clusters are still probed', async () => {
    const { driver, calls } = monitoredDriver((cluster) => {
      if (cluster.name === 'flaky') throw new Error('connect ECONNREFUSED 10.0.0.5:6443')
      return healthy
    })
    const fixture = await pipelineOnFakeCloud({ drivers: [driver] })
    await completeCluster(fixture, 'flaky')
    await completeCluster(fixture, 'fine')
    const report = await fixture.magnum.health.runOnce()
    expect(calls).toHaveLength(2)
    expect(report.clusters).toBe(2)
    const flaky = await fixture.magnum.clusters.get('flaky')
    expect(flaky.healthStatus).toBe('UNKNOWN')
    expect(String(flaky.healthStatusReason?.api)).toContain('ECONNREFUSED 10.0.0.5:6443')
    expect((await fixture.magnum.clusters.get('fine')).healthStatus).toBe('HEALTHY')
  })

  it('a probe that never answers is aborted after probeTimeoutMs and counted UNKNOWN', async () => {
    // Ignores the signal on purpose: the timeout must end the wait anyway.
    const { driver, calls } = monitoredDriver(() => new Promise<Health>(() => {}))
    const fixture = await pipelineOnFakeCloud({ drivers: [driver], health: { probeTimeoutMs: 30 } })
    await completeCluster(fixture, 'hung')
    await fixture.magnum.health.runOnce()
    expect(calls[0]!.signal?.aborted).toBe(true)
    const hung = await fixture.magnum.clusters.get('hung')
    expect(hung.healthStatus).toBe('UNKNOWN')
    expect(String(hung.healthStatusReason?.api)).toContain('within 30 ms')
  })

  it('a cluster that lost its certificates is UNKNOWN, and the driver is not called', async () => {
    const { driver, calls } = monitoredDriver(() => healthy)
    const fixture = await pipelineOnFakeCloud({ drivers: [driver] })
    const cluster = await completeCluster(fixture, 'certless')
    const current = (await fixture.store.clusters.get(cluster.uuid))!
    await fixture.store.clusters.update({ ...current, magnumCertRef: undefined })
    await fixture.magnum.health.runOnce()
    expect(calls).toHaveLength(0)
    const seen = await fixture.magnum.clusters.get('certless')
    expect(seen.healthStatus).toBe('UNKNOWN')
    expect(String(seen.healthStatusReason?.api)).toContain('no CA or conductor certificate')
  })
})

describe('magnum.health: events, concurrency, processes', () => {
  it('emits a typed event only when the health status or reason changes', async () => {
    let next: Health = healthy
    const { driver } = monitoredDriver(() => next)
    const fixture = await pipelineOnFakeCloud({ drivers: [driver] })
    const cluster = await completeCluster(fixture, 'evented')
    const events: ClusterHealthEvent[] = []
    const statusEvents: unknown[] = []
    fixture.magnum.events.onHealth((e) => events.push(e))
    fixture.magnum.events.on((e) => statusEvents.push(e))

    await fixture.magnum.health.runOnce()
    await fixture.magnum.health.runOnce()
    expect(events.map((e) => [e.from, e.to])).toEqual([[undefined, 'HEALTHY']])
    expect(events[0]).toMatchObject({ clusterId: cluster.uuid, name: 'evented', reason: healthy.reason })
    expect(events[0]!.cluster.healthStatus).toBe('HEALTHY')

    next = { status: 'UNHEALTHY', reason: { api: 'ok', 'node-0.Ready': false } }
    const report = await fixture.magnum.health.runOnce()
    expect(report.results[0]).toMatchObject({ previous: 'HEALTHY', status: 'UNHEALTHY', changed: true })
    expect(events.map((e) => [e.from, e.to])).toEqual([
      [undefined, 'HEALTHY'],
      ['HEALTHY', 'UNHEALTHY'],
    ])
    // Health changes are not status transitions.
    expect(statusEvents).toEqual([])
  })

  it('runs at most `concurrency` probes at once, and one cycle at a time per process', async () => {
    let inFlight = 0
    let peak = 0
    const { driver, calls } = monitoredDriver(async () => {
      peak = Math.max(peak, ++inFlight)
      await new Promise((r) => setTimeout(r, 15))
      inFlight--
      return healthy
    })
    const fixture = await pipelineOnFakeCloud({ drivers: [driver], health: { concurrency: 2 } })
    for (const name of ['a', 'b', 'c']) await completeCluster(fixture, name)
    const [first, second] = await Promise.all([
      fixture.magnum.health.runOnce(),
      fixture.magnum.health.runOnce(),
    ])
    expect(second).toBe(first)
    expect(calls).toHaveLength(3)
    expect(peak).toBe(2)
  })

  it('two processes on one store probe each cluster once per cycle (leases)', async () => {
    const { driver, calls } = monitoredDriver(async () => {
      await new Promise((r) => setTimeout(r, 20))
      return healthy
    })
    const fixture = await pipelineOnFakeCloud({ drivers: [driver] })
    for (const name of ['p1', 'p2', 'p3', 'p4']) await completeCluster(fixture, name)
    const other = pipelineAs(fixture, fixture.session, [driver])
    const [one, two] = await Promise.all([fixture.magnum.health.runOnce(), other.health.runOnce()])
    expect(one.clusters + two.clusters).toBe(4)
    expect(one.skipped + two.skipped).toBe(4)
    expect(calls.map((c) => c.cluster.name).sort()).toEqual(['p1', 'p2', 'p3', 'p4'])
    // Leases are given back: the next cycle probes every cluster again.
    for (const name of ['p1', 'p2', 'p3', 'p4']) {
      const cluster = await fixture.magnum.clusters.get(name)
      expect(await fixture.store.leases.get(cluster.uuid)).toBeUndefined()
    }
    expect((await fixture.magnum.health.runOnce()).clusters).toBe(4)
  })

  it('start() probes periodically until stop()', async () => {
    const { driver, calls } = monitoredDriver(() => healthy)
    const fixture = await pipelineOnFakeCloud({ drivers: [driver] })
    await completeCluster(fixture, 'ticking')
    fixture.magnum.health.start(5)
    try {
      await expect.poll(() => calls.length, { timeout: 2000 }).toBeGreaterThanOrEqual(2)
    } finally {
      fixture.magnum.health.stop()
    }
    await new Promise((r) => setTimeout(r, 30))
    const stopped = calls.length
    await new Promise((r) => setTimeout(r, 30))
    expect(calls.length).toBe(stopped)
  })
})
