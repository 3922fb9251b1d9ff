// bench/pipeline: (1) `clusters.create` on a fake cloud that answers every call after 50 ms —
// how many sequential round trips it takes after auth (target ≤ 4 on the critical path) and its
// wall time as a ratio to making the same calls one after another; (2) one sync cycle over
// 10,000 in-progress clusters — Heat list calls (target ⌈N / page size⌉), time per 1,000
// clusters as a ratio to one store list of the same rows, and heap growth.
// Everything stays in-process (the fake's fetch) or on 127.0.0.1; bounded to well under 2 min.
import { randomUUID } from 'node:crypto'
import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createCertStore } from '@magnum-ts/certs'
import { createMagnum, memoryStore } from '@magnum-ts/core'
import { k8sFedoraAtomicDriver } from '@magnum-ts/driver-k8s-fedora-atomic'
import { createFakeCloud } from '@magnum-ts/testing'

// The heap figures need a real GC between readings; `node bench/run.mjs` passes no flags.
v8.setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc')

const LATENCY_MS = 50
const TARGET_ROUND_TRIPS = 4
const SYNC_CLUSTERS = 10_000
const PAGE_SIZE = 100

/** A fetch that records every request's service path, start and end (ms since the run began). */
function recordingFetch(inner, calls) {
  return async (input, init) => {
    const request = new Request(input, init)
    const call = { method: request.method, url: request.url, start: performance.now(), end: 0 }
    calls.push(call)
    try {
      return await inner(request)
    } finally {
      call.end = performance.now()
    }
  }
}

/** The longest chain of calls where each starts after the previous one ended: the critical path. */
function criticalPath(calls) {
  const sorted = [...calls].sort((a, b) => a.end - b.end)
  const depth = new Map()
  let best = { length: 0, chain: [] }
  for (const call of sorted) {
    let longest = { length: 0, chain: [] }
    for (const before of sorted) {
      if (before.end > call.start) break
      const d = depth.get(before)
      if (d && d.length > longest.length) longest = d
    }
    const mine = { length: longest.length + 1, chain: [...longest.chain, call] }
    depth.set(call, mine)
    if (mine.length > best.length) best = mine
  }
  return best
}

function describeCall(call) {
  const url = new URL(call.url)
  return `${call.method} ${url.pathname.replace(/[0-9a-f]{32}|[0-9a-f-]{36}/g, '{id}')}`
}

/** The pipeline on a fake cloud, both sessions going through `fetch`. */
async function pipeline(cloud, fetch, store, config = {}) {
  const session = cloud.session({ fetch })
  const magnum = createMagnum({
    session,
    store,
    drivers: [k8sFedoraAtomicDriver],
    certStore: createCertStore('store', { table: store.x509KeyPairs }),
    trustee: cloud.trusteeAdmin({ fetch }),
    config,
  })
  return { magnum, session }
}

const template = {
  name: 'k8s',
  coe: 'kubernetes',
  imageId: 'fedora-atomic-latest',
  flavorId: 'm1.small',
  masterFlavorId: 'm1.small',
  keypairId: 'default',
  externalNetworkId: 'public',
  networkDriver: 'flannel',
}

// ---------------------------------------------------------------- (1) clusters.create round trips
{
  const cloud = createFakeCloud({ heat: { resourceSeconds: 0 } })
  const calls = []
  const { magnum } = await pipeline(cloud, recordingFetch(cloud.fetch, calls), memoryStore())
  const created = await magnum.clusterTemplates.create(template)
  // Warm-up: one create (and delete) so both sessions hold tokens, catalogs and version documents.
  const warm = await magnum.clusters.create({ name: 'warm', clusterTemplateId: created.uuid, nodeCount: 1 })
  await magnum.clusters.waitFor(warm.uuid, 'CREATE_COMPLETE', { intervalMs: 5 })
  await magnum.clusters.delete(warm.uuid)
  await magnum.clusters.waitFor(warm.uuid, 'DELETE_COMPLETE', { intervalMs: 5 })

  cloud.heat.settings.resourceSeconds = 3600 // the stack stays in progress: nothing else runs
  cloud.faults.add({ latencyMs: LATENCY_MS }) // no service named: every fake-cloud call
  calls.length = 0
  const started = performance.now()
  await magnum.clusters.create({ name: 'bench', clusterTemplateId: created.uuid, nodeCount: 1 })
  const wall = performance.now() - started
  const measured = calls.filter((c) => c.start >= started)
  const sequentialSum = measured.reduce((sum, c) => sum + (c.end - c.start), 0)
  const path = criticalPath(measured)
  const byWall = wall / LATENCY_MS
  console.log(`clusters.create with ${LATENCY_MS} ms on every fake-cloud call (after auth):`)
  console.log(`  requests made:                     ${measured.length}`)
  console.log(
    `  sequential round trips (critical): ${path.length}  (wall ÷ ${LATENCY_MS} ms = ${byWall.toFixed(1)})`,
  )
  console.log(
    `  target ≤ ${TARGET_ROUND_TRIPS}:                       ${path.length <= TARGET_ROUND_TRIPS ? 'met' : 'MISSED'}`,
  )
  console.log(`  wall time ÷ the same calls one after another: ${(wall / sequentialSum).toFixed(2)}`)
  console.log('  critical path:')
  for (const call of path.chain) console.log(`    ${describeCall(call)}`)
  console.log('  every call (start → end, ms after create began):')
  for (const call of measured)
    console.log(
      `    ${(call.start - started).toFixed(0).padStart(4)} → ${(call.end - started).toFixed(0).padStart(4)}  ${describeCall(call)}`,
    )
  const tokenCalls = measured.filter((c) => new URL(c.url).pathname.endsWith('/auth/tokens'))
  if (tokenCalls.length) console.log(`  (of which Keystone token calls: ${tokenCalls.length})`)
}

// ---------------------------------------------------------------- (2) one sync cycle, 10,000 clusters
{
  const cloud = createFakeCloud({ heat: { resourceSeconds: 3600 } }) // stacks stay CREATE_IN_PROGRESS
  const calls = []
  const store = memoryStore()
  const { magnum, session } = await pipeline(cloud, recordingFetch(cloud.fetch, calls), store, {
    syncOwnerId: 'bench',
    syncPageSize: PAGE_SIZE,
  })
  const created = await magnum.clusterTemplates.create(template)
  const model = await magnum.clusters.create({ name: 'model', clusterTemplateId: created.uuid, nodeCount: 1 })
  const modelGroups = await store.nodegroups.list({ clusterIds: [model.uuid] })

  // N cheap stacks in the fake Heat (one resource that takes an hour), and N cluster rows
  // copied from the real one, each pointing at its own stack.
  const stackTemplate = {
    heat_template_version: '2016-10-14',
    resources: { value: { type: 'OS::Heat::RandomString' } },
  }
  const stackIds = []
  for (let i = 0; i < SYNC_CLUSTERS; i += 200) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(200, SYNC_CLUSTERS - i) }, (_, j) =>
        session.request('orchestration', 'POST', '/stacks', {
          body: { stack_name: `s${i + j}`, template: stackTemplate, timeout_mins: 60 },
        }),
      ),
    )
    for (const res of batch) stackIds.push(res.body.stack.id)
  }
  await store.clusters.delete(model.uuid)
  for (let i = 0; i < SYNC_CLUSTERS; i++) {
    const uuid = randomUUID()
    const stackId = stackIds[i]
    await store.clusters.create(
      { ...model, uuid, name: `c${i}`, stackId },
      modelGroups.map((ng) => ({ ...ng, uuid: randomUUID(), clusterId: uuid, stackId })),
    )
  }

  // Baseline, same run: one store list of the same rows (best of three).
  let baseline = Number.POSITIVE_INFINITY
  let rows = []
  for (let i = 0; i < 3; i++) {
    const baseStarted = performance.now()
    rows = await store.clusters.list({ inProgress: true })
    baseline = Math.min(baseline, performance.now() - baseStarted)
  }

  calls.length = 0
  gc()
  const heapBefore = process.memoryUsage().heapUsed
  let heapPeak = heapBefore
  const sampler = setInterval(() => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)
  }, 5)
  const started = performance.now()
  const report = await magnum.sync.runOnce()
  const wall = performance.now() - started
  clearInterval(sampler)
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)
  gc()
  const heapAfter = process.memoryUsage().heapUsed
  const heatLists = calls.filter((c) => c.method === 'GET' && /\/stacks(\?|$)/.test(c.url)).length
  const followUps = calls.filter((c) => c.method === 'GET' && /\/stacks\?.*marker=/.test(c.url)).length
  const heatOther = calls.filter((c) => /heat-api/.test(c.url)).length - heatLists
  // The sync reads each project's stacks with a token of that project: ⌈N / page size⌉ per project.
  const perProject = new Map()
  for (const row of rows) perProject.set(row.projectId, (perProject.get(row.projectId) ?? 0) + 1)
  const target = [...perProject.values()].reduce((sum, n) => sum + Math.ceil(n / PAGE_SIZE), 0)
  const projectsOver = Object.entries(report.heatListCallsByProject).filter(
    ([project, calls]) => calls > Math.ceil((perProject.get(project) ?? 0) / PAGE_SIZE),
  )
  console.log(`\nsync.runOnce() over ${rows.length} in-progress clusters (page size ${PAGE_SIZE}):`)
  console.log(`  clusters synced:            ${report.clusters}`)
  console.log(
    `  Heat list calls:            ${heatLists} (report: ${report.heatListCalls}); target ≤ ${target}: ${heatLists <= target ? 'met' : 'MISSED'}`,
  )
  console.log(
    `  per project (≤ ⌈N / ${PAGE_SIZE}⌉ each): ${perProject.size} project(s), ${projectsOver.length === 0 ? 'met' : `MISSED in ${projectsOver.map(([p]) => p).join(', ')}`}`,
  )
  if (followUps)
    console.log(
      `  of which page follow-ups:   ${followUps} (a full page of ids makes listStacks ask for the next page, which is empty)`,
    )
  console.log(`  other Heat calls:           ${heatOther}`)
  // Both sides cover the same 10,000 rows, so the ratio per 1,000 clusters is the same ratio.
  console.log(
    `  time per 1,000 clusters ÷ one store list of the same 1,000 rows: ${(wall / baseline).toFixed(1)}`,
  )
  const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
  console.log(
    `  heap: peak +${mb(heapPeak - heapBefore)} during the cycle, ${mb(heapAfter - heapBefore)} retained after GC`,
  )
}
