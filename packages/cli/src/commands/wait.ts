import type { Cluster, ClusterStatus, Magnum } from '@magnum-ts/core'
import type { Io } from '../context.js'

/**
 * `--wait`: follows the cluster with sync cycles until it reaches `target`, printing each
 * status change with the elapsed time. Ctrl-C stops waiting; the operation goes on.
 */
export async function waitWithProgress(
  io: Io,
  magnum: Magnum,
  id: string,
  target: ClusterStatus,
): Promise<Cluster | undefined> {
  const started = Date.now()
  const controller = new AbortController()
  const onSigint = () =>
    controller.abort(new Error('stopped waiting (the operation goes on; see magnum-ts cluster show)'))
  process.once('SIGINT', onSigint)
  let last: string | undefined
  try {
    const done = await magnum.clusters.waitFor(id, target, {
      signal: controller.signal,
      intervalMs: Number(io.env.MAGNUM_TS_WAIT_INTERVAL_MS ?? 2000),
      onProgress: (c) => {
        if (c.status === last) return
        last = c.status
        io.stdout(
          `[${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${c.name}: ${c.status}${c.statusReason ? ` (${c.statusReason})` : ''}\n`,
        )
      },
    })
    io.stdout(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${target}\n`)
    return done
  } finally {
    process.removeListener('SIGINT', onSigint)
  }
}
