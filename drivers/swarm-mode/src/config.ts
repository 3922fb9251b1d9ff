import type { Cluster, ClusterConfig, ClusterCredentials } from '@magnum-ts/core'

/** Where the user will keep the files; `DOCKER_CERT_PATH` points there. */
export interface SwarmConfigOptions {
  /** The directory `ca.pem`, `cert.pem` and `key.pem` are written to (default `.`). */
  dir?: string
}

/**
 * What `cluster config` gives a swarm-mode user: the cluster CA and an admin client
 * certificate as `ca.pem`, `cert.pem`, `key.pem` (the names the docker CLI looks for), and
 * `DOCKER_HOST`, `DOCKER_CERT_PATH`, `DOCKER_TLS_VERIFY=1` to export.
 */
export function swarmClusterConfig(
  cluster: Cluster,
  credentials: ClusterCredentials,
  options: SwarmConfigOptions = {},
): ClusterConfig {
  const env: Record<string, string> = {
    DOCKER_CERT_PATH: options.dir ?? '.',
    DOCKER_TLS_VERIFY: '1',
  }
  if (cluster.apiAddress) env.DOCKER_HOST = cluster.apiAddress
  return {
    files: { 'ca.pem': credentials.ca, 'cert.pem': credentials.cert, 'key.pem': credentials.key },
    env,
  }
}
