import type { Cluster, ClusterConfig, ClusterCredentials } from '@magnum-ts/core'

const b64 = (pem: string) => Buffer.from(pem, 'utf8').toString('base64')

/**
 * A kubeconfig for the cluster's admin (user `admin`, context `default`, server = api_address)
 * with the CA, client certificate and key embedded, written as `config`; `KUBECONFIG` names it
 * relative to the directory the caller writes into.
 */
export function k8sClusterConfig(cluster: Cluster, credentials: ClusterCredentials): ClusterConfig {
  const name = cluster.name || cluster.uuid
  const config = `apiVersion: v1
kind: Config
clusters:
- name: ${JSON.stringify(name)}
  cluster:
    server: ${JSON.stringify(cluster.apiAddress ?? '')}
    certificate-authority-data: ${b64(credentials.ca)}
users:
- name: admin
  user:
    client-certificate-data: ${b64(credentials.cert)}
    client-key-data: ${b64(credentials.key)}
contexts:
- name: default
  context:
    cluster: ${JSON.stringify(name)}
    user: admin
current-context: default
preferences: {}
`
  return { files: { config }, env: { KUBECONFIG: 'config' } }
}
