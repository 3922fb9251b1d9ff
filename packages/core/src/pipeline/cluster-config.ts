import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { OpenStackError, type Session } from '@magnum-ts/auth'
import { createCsr, loadCa, signCsr } from '@magnum-ts/certs'
import type { ClusterConfig, ClusterConfigRequest, ClusterDriver } from '../drivers/contract.js'
import type { Cluster } from '../models/cluster.js'
import type { PipelineDeps } from './deps.js'
import { ClusterStatusConflictError } from './errors.js'

/** `clusters.config` would overwrite files the user already has. */
export class ClusterConfigExistsError extends OpenStackError {
  readonly path: string
  constructor(path: string) {
    super(
      'CONFIG_EXISTS',
      `${path} already exists. Fix: pass force (--force) to overwrite it, or choose another directory`,
    )
    this.path = path
  }
}

export interface ClusterConfigOptions {
  /** Write the files here (created 0700, files 0600); without it nothing is written. */
  dir?: string
  /** Overwrite existing files. */
  force?: boolean
  /**
   * Authenticate to the COE with Keystone instead of the admin certificate (k8s: the kubeconfig
   * user runs `client-keystone-auth` for the caller's project). Drivers without it ignore it.
   */
  useKeystone?: boolean
  /**
   * Also return (and write) the CA, the client certificate and its key as `ca.pem`, `cert.pem`
   * and `key.pem`, as python-magnumclient's `--output-certs`. The kubeconfig keeps them embedded.
   */
  outputCerts?: boolean
}

/** python-magnumclient's file names for `--output-certs`. */
export const CERT_FILE_NAMES = { ca: 'ca.pem', cert: 'cert.pem', key: 'key.pem' } as const

/**
 * The Keystone facts a `useKeystone` config needs, from the caller's session: the public
 * identity endpoint, the token's project and user, the configured domain and region.
 */
async function keystoneFacts(session: Session): Promise<NonNullable<ClusterConfigRequest['keystone']>> {
  const [authUrl, context] = await Promise.all([
    session.endpoint('identity', { interface: 'public' }),
    session.context(),
  ])
  const auth = session.config.auth
  return {
    authUrl,
    projectId: context.projectId ?? '',
    projectName: context.projectName,
    domainName: auth.userDomainName ?? auth.projectDomainName ?? auth.domainName,
    userName: context.userName,
    regionName: session.config.regionName,
  }
}

/**
 * What a user needs to reach a cluster (§8): a fresh admin key and CSR (CN=admin,
 * O=system:masters) made here and signed by the cluster CA, turned into files and
 * environment exports by the driver (with the caller's Keystone facts for `useKeystone`), plus
 * the three PEM files for `outputCerts`. Every file is checked before any is written, so a
 * refusal (`ClusterConfigExistsError`, without `force`) leaves the directory as it was.
 */
export async function clusterConfig(
  deps: PipelineDeps,
  cluster: Cluster,
  driver: ClusterDriver,
  options: ClusterConfigOptions = {},
): Promise<ClusterConfig> {
  if (!cluster.status.endsWith('_COMPLETE') || !cluster.caCertRef) {
    throw new ClusterStatusConflictError(
      'get the config of',
      cluster.status,
      'CREATE_COMPLETE or UPDATE_COMPLETE',
    )
  }
  const ca = await loadCa(deps.certStore, cluster.caCertRef)
  const csr = await createCsr({ cn: 'admin', o: 'system:masters' })
  const credentials = { ca: ca.certificatePem, cert: signCsr(ca, csr.csrPem), key: csr.privateKeyPem }
  const request: ClusterConfigRequest = options.useKeystone
    ? { useKeystone: true, keystone: await keystoneFacts(deps.session) }
    : {}
  const config = driver.clusterConfig(cluster, credentials, request)
  if (options.outputCerts) {
    config.files[CERT_FILE_NAMES.ca] ??= credentials.ca
    config.files[CERT_FILE_NAMES.cert] ??= credentials.cert
    config.files[CERT_FILE_NAMES.key] ??= credentials.key
  }
  if (options.dir) {
    // Drivers name their files relative to the output directory (`KUBECONFIG=config`,
    // `DOCKER_CERT_PATH=.`); the exports the user copies must point at where they were written.
    for (const [key, value] of Object.entries(config.env)) {
      if (value === '.' || Object.hasOwn(config.files, value)) config.env[key] = resolve(options.dir, value)
    }
    const paths = Object.keys(config.files).map((name) => join(options.dir!, name))
    const existing = paths.find((p) => existsSync(p))
    if (existing && !options.force) throw new ClusterConfigExistsError(existing)
    await mkdir(options.dir, { recursive: true, mode: 0o700 })
    for (const [name, content] of Object.entries(config.files)) {
      await writeFile(join(options.dir, name), content, { mode: 0o600 })
    }
  }
  return config
}
