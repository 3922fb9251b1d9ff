import type { Cluster, ClusterConfig } from '@magnum-ts/core'
import { MARATHON_PORT, MESOS_MASTER_PORT } from './outputs.js'

/**
 * What `cluster config` gives a mesos user: `MARATHON_URL` (`http://<api>:8080`) and
 * `MESOS_MASTER` (`<first master>:5050`; the load balancer only carries Marathon) to export.
 * Mesos clusters have no TLS, so no files.
 */
export function mesosClusterConfig(cluster: Cluster): ClusterConfig {
  const env: Record<string, string> = {}
  const master = cluster.masterAddresses[0] ?? cluster.apiAddress
  if (master) env.MESOS_MASTER = `${master}:${MESOS_MASTER_PORT}`
  if (cluster.apiAddress) env.MARATHON_URL = `http://${cluster.apiAddress}:${MARATHON_PORT}`
  return { files: {}, env }
}
