import { mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { ConfigError, createSession, findDomain, loadCloudConfig, type Session } from '@magnum-ts/auth'
import { createCertStore } from '@magnum-ts/certs'
import {
  CLUSTER_CREDENTIAL_MODES,
  type ClusterCredentialMode,
  createMagnum,
  type DriverDescriptor,
  type Magnum,
  openStore,
  type Store,
  type TrusteeSettings,
} from '@magnum-ts/core'
import { debugSessionOptions, type GlobalOptions, type Io, openSession } from './context.js'
import { installedDrivers } from './drivers.js'
import { UsageError } from './errors.js'

/** Where the embedded store lives by default: `$MAGNUM_TS_DATA_DIR`, else `$XDG_DATA_HOME/magnum-ts`, else `~/.local/share/magnum-ts`. */
export function defaultStoreSpec(env: Io['env']): string {
  const dir =
    env.MAGNUM_TS_DATA_DIR ??
    join(env.XDG_DATA_HOME ?? join(env.HOME ?? homedir(), '.local', 'share'), 'magnum-ts')
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  return `sqlite:${join(dir, 'magnum-ts.sqlite')}`
}

/**
 * Trustee users are created by Magnum's trustee domain admin: here a clouds.yaml cloud named
 * by `--trustee-cloud` / `MAGNUM_TS_TRUSTEE_CLOUD`, in the domain `--trustee-domain`
 * (default `magnum`). Commands that never create trustees work without it; the others get a
 * ConfigError that says what to set.
 */
async function trusteeSettings(
  io: Io,
  global: GlobalOptions,
  cloud: string | undefined,
  domain: string,
): Promise<TrusteeSettings> {
  if (!cloud) return { adminSession: missingTrusteeSession(), domainId: '' }
  const adminSession = createSession(
    await loadCloudConfig({ cloud, env: io.env, cwd: io.cwd }),
    debugSessionOptions(io, global),
  )
  return { adminSession, domainId: (await findDomain(adminSession, domain)).id }
}

/** What a cluster create without the trustee domain admin is told (exit 2, before anything is made). */
export function missingTrusteeCloud(): ConfigError {
  return new ConfigError(
    'creating a cluster needs the trustee domain admin: set --trustee-cloud NAME (or MAGNUM_TS_TRUSTEE_CLOUD) to a clouds.yaml cloud whose user administers the trustee domain',
    { key: 'trustee-cloud' },
  )
}

function missingTrusteeSession(): Session {
  const fail = () => Promise.reject(missingTrusteeCloud())
  return {
    request: fail,
    endpoint: fail,
    context: fail,
    token: fail,
    catalog: fail,
    microversion: fail,
    invalidate() {},
    config: { auth: { authUrl: 'http://trustee-cloud-not-configured.invalid' } },
  }
}

export interface PipelineOptions {
  store?: string | undefined
  certStore?: string | undefined
  trusteeCloud?: string | undefined
  trusteeDomain?: string | undefined
  /** `--cluster-credential`, else `MAGNUM_TS_CLUSTER_CREDENTIAL`, else `trust`. */
  clusterCredential?: string | undefined
}

/**
 * The cluster credential mode the options and environment ask for (default `trust`). Any other
 * value is a usage error (exit 2) naming the option and the valid values.
 */
export function resolveClusterCredential(
  options: Pick<PipelineOptions, 'clusterCredential'>,
  env: Io['env'],
): ClusterCredentialMode {
  const value = options.clusterCredential ?? env.MAGNUM_TS_CLUSTER_CREDENTIAL ?? 'trust'
  if ((CLUSTER_CREDENTIAL_MODES as readonly string[]).includes(value)) return value as ClusterCredentialMode
  const from =
    options.clusterCredential === undefined ? 'MAGNUM_TS_CLUSTER_CREDENTIAL' : '--cluster-credential'
  throw new UsageError(`${from}: "${value}" is not one of ${CLUSTER_CREDENTIAL_MODES.join(', ')}`)
}

/** Opens the pipeline the way the CLI's options say, runs `fn`, and closes the store. */
export async function withMagnum<T>(
  io: Io,
  global: GlobalOptions,
  options: PipelineOptions,
  /** Gets the pipeline, its store, and the caller's session (for reads the pipeline does not wrap, e.g. Heat events). */
  fn: (magnum: Magnum, store: Store, session: Session) => Promise<T>,
  drivers: readonly DriverDescriptor[] = installedDrivers,
): Promise<T> {
  const clusterCredential = resolveClusterCredential(options, io.env)
  const session = await openSession(io, global)
  const store = await openStore(options.store ?? io.env.MAGNUM_TS_STORE ?? defaultStoreSpec(io.env))
  try {
    const certSpec = options.certStore ?? io.env.MAGNUM_TS_CERT_STORE ?? 'store'
    const magnum = createMagnum({
      session,
      store,
      drivers,
      certStore: createCertStore(certSpec, { session, table: store.x509KeyPairs }),
      trustee: await trusteeSettings(
        io,
        global,
        options.trusteeCloud ?? io.env.MAGNUM_TS_TRUSTEE_CLOUD,
        options.trusteeDomain ?? io.env.MAGNUM_TS_TRUSTEE_DOMAIN ?? 'magnum',
      ),
      config: { certStoreSpec: certSpec, clusterCredential },
      sessionOptions: debugSessionOptions(io, global),
    })
    return await fn(magnum, store, session)
  } finally {
    await store.close()
  }
}
