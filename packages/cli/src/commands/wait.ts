import type { Session } from '@magnum-ts/auth'
import type { Cluster, ClusterStatus, Magnum } from '@magnum-ts/core'
import { listEvents, listResources, type StackEvent, type StackResource } from '@magnum-ts/orchestration'
import type { Io } from '../context.js'

/** How deep into nested stacks (resource groups, their members) progress looks. */
const NESTED_DEPTH = 3
const CLEAR_LINE = '\r\x1b[2K'

/** `[#####-----] 12/24 resources`: the share of resources complete, `width` characters wide. */
export function progressBar(complete: number, total: number, width = 10): string {
  const filled = total > 0 ? Math.min(width, Math.floor((complete / total) * width)) : 0
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${complete}/${total} resources`
}

/** One Heat event as a line: time, resource, status and reason. */
export function eventLine(event: StackEvent): string {
  const reason = event.resource_status_reason ? ` ${event.resource_status_reason}` : ''
  return `  ${event.event_time} ${event.resource_name} ${event.resource_status}${reason}`
}

/** Resources done for the operation waited for: deletes count DELETE_COMPLETE only. */
export function completeResources(resources: readonly StackResource[], target: ClusterStatus): number {
  const done =
    target === 'DELETE_COMPLETE'
      ? (s: string) => s === 'DELETE_COMPLETE'
      : (s: string) => s.endsWith('_COMPLETE')
  return resources.filter((r) => done(r.resource_status)).length
}

/**
 * Follows a cluster stack's resources and events. Events are shown from the stack's own latest
 * `<ACTION>_IN_PROGRESS` on (the start of the operation waited for), each id once. The whole list
 * is read each time: a `marker` is not applied the same way to nested stacks' events.
 */
function heatFollower(session: Session, target: ClusterStatus) {
  const action = target.split('_')[0]
  const seen = new Set<string>()
  let anchored = false
  return async (stackId: string): Promise<{ resources: StackResource[]; events: StackEvent[] }> => {
    const [resources, listed] = await Promise.all([
      listResources(session, stackId, { nestedDepth: NESTED_DEPTH }),
      collect(listEvents(session, stackId, { nestedDepth: NESTED_DEPTH })),
    ])
    if (!anchored) {
      const start = listed.findLastIndex(
        (e) => e.physical_resource_id === stackId && e.resource_status === `${action}_IN_PROGRESS`,
      )
      if (start < 0) return { resources, events: [] }
      anchored = true
      // Everything before the operation started is history: never shown.
      for (const e of listed.slice(0, start)) seen.add(e.id)
    }
    const fresh = listed.filter((e) => !seen.has(e.id))
    for (const e of fresh) seen.add(e.id)
    return { resources, events: fresh }
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = []
  for await (const item of items) all.push(item)
  return all
}

/**
 * `--wait`: follows the cluster with sync cycles until it reaches `target`. On a terminal (and
 * with a session to read Heat) one line is redrawn in place — status, elapsed time and a bar of
 * the stack's resources complete — with each new Heat event printed above it; elsewhere each
 * status change is one plain line. Ctrl-C stops waiting; the operation goes on.
 */
export async function waitWithProgress(
  io: Io,
  magnum: Magnum,
  id: string,
  target: ClusterStatus,
  session?: Session,
): Promise<Cluster | undefined> {
  const started = Date.now()
  const seconds = () => ((Date.now() - started) / 1000).toFixed(0)
  const controller = new AbortController()
  const onSigint = () =>
    controller.abort(new Error('stopped waiting (the operation goes on; see magnum-ts cluster show)'))
  process.once('SIGINT', onSigint)
  const live = io.isTty && session ? liveLine(io, session, target, seconds) : undefined
  if (live) io.stdout('Waiting (Ctrl-C stops waiting; the operation goes on)\n')
  let last: string | undefined
  try {
    const done = await magnum.clusters.waitFor(id, target, {
      signal: controller.signal,
      intervalMs: Number(io.env.MAGNUM_TS_WAIT_INTERVAL_MS ?? 2000),
      onProgress: (c) => {
        if (live) return live.update(c)
        if (c.status === last) return
        last = c.status
        io.stdout(
          `[${seconds().padStart(4)}s] ${c.name}: ${c.status}${c.statusReason ? ` (${c.statusReason})` : ''}\n`,
        )
      },
    })
    await live?.finish()
    io.stdout(`[${seconds().padStart(4)}s] ${target}\n`)
    return done
  } finally {
    // Also when the cluster failed or waiting stopped: the last events (failed resources and
    // their reasons) are on screen, and the live line is gone, before the error is printed.
    await live?.finish()
    process.removeListener('SIGINT', onSigint)
  }
}

/** The redrawn line: its state, one Heat read at a time, events written above it. */
function liveLine(io: Io, session: Session, target: ClusterStatus, seconds: () => string) {
  const follow = heatFollower(session, target)
  let cluster: Cluster | undefined
  let bar = ''
  let reading: Promise<void> | undefined
  let shown = false
  let finished = false
  const draw = () => {
    if (!cluster) return
    io.stdout(`${CLEAR_LINE}${cluster.name}: ${cluster.status} ${seconds()}s${bar ? ` ${bar}` : ''}`)
    shown = true
  }
  const read = async (stackId: string) => {
    try {
      const { resources, events } = await follow(stackId)
      if (events.length > 0) io.stdout(`${CLEAR_LINE}${events.map(eventLine).join('\n')}\n`)
      bar = progressBar(completeResources(resources, target), resources.length)
    } catch {
      // Heat may not know the stack yet (or any more): the status line goes on without a bar.
    }
    draw()
  }
  return {
    update(c: Cluster) {
      if (finished) return
      cluster = c
      draw()
      if (c.stackId && !reading) {
        reading = read(c.stackId).finally(() => {
          reading = undefined
        })
      }
    },
    /** The last events and counts, so the final state is on screen before the summary line. */
    async finish() {
      if (finished) return
      finished = true
      await reading
      if (cluster?.stackId) await read(cluster.stackId)
      if (shown) io.stdout(CLEAR_LINE)
      shown = false
    },
  }
}
