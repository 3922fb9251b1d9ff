import type { Cluster, ClusterConfig, ClusterConfigRequest, ClusterCredentials } from '@magnum-ts/core'
import { stringify } from 'yaml'

const b64 = (pem: string) => Buffer.from(pem, 'utf8').toString('base64')

/** The exec plugin API version client-keystone-auth speaks. */
export const KEYSTONE_EXEC_API_VERSION = 'client.authentication.k8s.io/v1beta1'

type Keystone = NonNullable<ClusterConfigRequest['keystone']>

/**
 * The kubeconfig user that authenticates with Keystone: kubectl runs `client-keystone-auth`
 * (cloud-provider-openstack; on the PATH), which gets a token for the caller's scope and hands
 * it to the API server's k8s-keystone-auth webhook. The password is never written: the plugin
 * reads `OS_PASSWORD` (or an application credential) from the environment, or prompts.
 */
function keystoneUser(keystone: Keystone | undefined) {
  const args = keystone
    ? [
        `--keystone-url=${keystone.authUrl}`,
        ...(keystone.domainName ? [`--domain-name=${keystone.domainName}`] : []),
        ...(keystone.userName ? [`--user-name=${keystone.userName}`] : []),
        ...(keystone.projectName ? [`--project-name=${keystone.projectName}`] : []),
      ]
    : []
  const env = [
    ...(keystone?.projectId ? [{ name: 'OS_PROJECT_ID', value: keystone.projectId }] : []),
    ...(keystone?.regionName ? [{ name: 'OS_REGION_NAME', value: keystone.regionName }] : []),
  ]
  return {
    exec: {
      apiVersion: KEYSTONE_EXEC_API_VERSION,
      command: 'client-keystone-auth',
      args,
      env,
      // kubectl may prompt through the plugin for what the environment does not give.
      interactiveMode: 'IfAvailable',
    },
  }
}

/**
 * A kubeconfig (`config`; `KUBECONFIG` names it relative to the directory the caller writes
 * into) for cluster `<name>` at api_address with the CA embedded, as python-magnumclient writes it:
 * - default: user `admin`, context `default`, the admin client certificate and key embedded;
 * - `useKeystone`: user `openstackuser`, context `openstackuser@kubernetes`, an exec plugin
 *   running `client-keystone-auth` for the caller's Keystone scope, and no client certificate.
 */
export function k8sClusterConfig(
  cluster: Cluster,
  credentials: ClusterCredentials,
  request: ClusterConfigRequest = {},
): ClusterConfig {
  const name = cluster.name || cluster.uuid
  const [userName, contextName] = request.useKeystone
    ? ['openstackuser', 'openstackuser@kubernetes']
    : ['admin', 'default']
  const user = request.useKeystone
    ? keystoneUser(request.keystone)
    : { 'client-certificate-data': b64(credentials.cert), 'client-key-data': b64(credentials.key) }
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name,
        cluster: { server: cluster.apiAddress ?? '', 'certificate-authority-data': b64(credentials.ca) },
      },
    ],
    users: [{ name: userName, user }],
    contexts: [{ name: contextName, context: { cluster: name, user: userName } }],
    'current-context': contextName,
    preferences: {},
  }
  return { files: { config: stringify(kubeconfig, { lineWidth: 0 }) }, env: { KUBECONFIG: 'config' } }
}
