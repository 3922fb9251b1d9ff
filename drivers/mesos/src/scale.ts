import { OpenStackError } from '@magnum-ts/auth'
import { MARATHON_PORT } from './outputs.js'

/** Marathon could not be asked which slaves run tasks (unreachable, or an unexpected answer). */
export class MarathonTasksError extends OpenStackError {
  readonly url: string
  constructor(url: string, reason: string) {
    super(
      'MARATHON_TASKS_UNAVAILABLE',
      `could not list Marathon's tasks at ${url}: ${reason}; give nodes_to_remove explicitly, or retry once Marathon answers`,
    )
    this.url = url
  }
}

export interface LeastLoadedOptions {
  /** The cluster's api_address (Marathon, or the load balancer in front of it). */
  apiAddress: string
  /** The slaves' private addresses: Marathon's task hosts and the names `slaves_to_remove` takes. */
  slaves: readonly string[]
  /** How many slaves to remove. */
  count: number
  /** Injectable for tests and proxies; the global fetch by default. */
  fetch?: typeof globalThis.fetch
  signal?: AbortSignal
}

/**
 * The slaves to remove on scale-down, least loaded first (Magnum's Marathon scale manager):
 * slaves without tasks in `GET http://<api>:8080/v2/tasks` first, then those with the fewest;
 * ties keep the order of `slaves`.
 */
export async function leastLoadedSlaves(options: LeastLoadedOptions): Promise<string[]> {
  if (options.count <= 0) return []
  const tasksPerHost = await marathonTaskHosts(options)
  const load = (slave: string) => tasksPerHost.get(slave) ?? 0
  return options.slaves
    .map((slave, index) => ({ slave, index }))
    .sort((a, b) => load(a.slave) - load(b.slave) || a.index - b.index)
    .slice(0, options.count)
    .map((s) => s.slave)
}

/** How many Marathon tasks run on each host. */
async function marathonTaskHosts(options: LeastLoadedOptions): Promise<Map<string, number>> {
  const url = `http://${options.apiAddress}:${MARATHON_PORT}/v2/tasks`
  const fetchFn = options.fetch ?? globalThis.fetch
  let body: unknown
  try {
    const res = await fetchFn(url, {
      headers: { accept: 'application/json' },
      ...(options.signal ? { signal: options.signal } : {}),
    })
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
    body = await res.json()
  } catch (error) {
    if (options.signal?.aborted) throw error
    throw new MarathonTasksError(url, (error as Error).message)
  }
  const tasks = (body as { tasks?: unknown }).tasks
  if (!Array.isArray(tasks)) throw new MarathonTasksError(url, 'the answer has no "tasks" list')
  const hosts = new Map<string, number>()
  for (const task of tasks) {
    const host = (task as { host?: unknown }).host
    if (typeof host === 'string') hosts.set(host, (hosts.get(host) ?? 0) + 1)
  }
  return hosts
}
