import {
  type CloudConfig,
  createSession,
  OpenStackError,
  type Session,
  type SessionOptions,
} from '@magnum-ts/auth'
import type { Cluster } from '../models/cluster.js'
import type { PipelineDeps } from './deps.js'

/**
 * A cluster row without the trustee user, password or trust the pipeline needs to act in the
 * cluster's project (rows written before trusts were stored, or edited by hand).
 */
export class TrusteeCredentialsMissingError extends OpenStackError {
  readonly clusterId: string
  readonly missing: readonly string[]
  constructor(clusterId: string, missing: readonly string[]) {
    super(
      'TRUSTEE_CREDENTIALS_MISSING',
      `Cluster ${clusterId} has no ${missing.join(', ')} stored: the pipeline cannot act as its trustee in the cluster's project. Fix: run this operation from a session scoped to the cluster's project, or recreate the cluster so it gets a trustee and trust`,
    )
    this.clusterId = clusterId
    this.missing = missing
  }
}

/** The fields of a cluster row a trustee session is made from. */
export type TrusteeRow = Pick<
  Cluster,
  | 'uuid'
  | 'projectId'
  | 'trustId'
  | 'trusteeUserId'
  | 'trusteePassword'
  | 'applicationCredentialId'
  | 'applicationCredentialSecret'
>

/** The fields that name a cluster's cached session. */
type SessionKeyRow = Pick<TrusteeRow, 'uuid' | 'trustId' | 'applicationCredentialId'>

/**
 * Trust-scoped sessions of cluster trustees (Magnum's poller "runs as the trustee"): the
 * trustee's password plus the trust (impersonation of the creator, scoped to the cluster's
 * project) give a token that sees the cluster project's stacks. A cluster made with an
 * application credential authenticates with it instead (`application_credential` method; the
 * credential carries the creator's project scope). One session per trust or credential, kept for
 * the life of the pipeline (so one Keystone auth, not one per call or cycle), at most `maxSize`
 * of them (the least recently used goes first).
 */
export interface TrusteeSessions {
  /** The cluster's trustee session (authenticates on first use). Throws `TrusteeCredentialsMissingError`. */
  forCluster(cluster: TrusteeRow): Session
  /**
   * Sessions able to read a project's stacks, best first: the one that last worked for the
   * project, then each given cluster's. Rows without trustee credentials yield their error.
   */
  candidatesFor(projectId: string, clusters: readonly TrusteeRow[]): Iterable<TrusteeCandidate>
  /** Remembers that this cluster's session worked for its project (reused first next time). */
  worked(cluster: TrusteeRow): void
  /** Drops a cluster's session: it was deleted, or its trust no longer authenticates. */
  forget(cluster: SessionKeyRow): void
  /** Sessions held now. */
  readonly size: number
}

export type TrusteeCandidate =
  | { cluster: TrusteeRow; session: Session; error?: undefined }
  | { cluster: TrusteeRow; session?: undefined; error: TrusteeCredentialsMissingError }

interface Entry {
  session: Session
  row: TrusteeRow
}

const DEFAULT_MAX_SESSIONS = 256

/**
 * @param pipelineSession the pipeline's own session: its auth URL, region, interface, endpoint
 *   overrides, microversion pins and TLS files (cacert, cert/key, insecure) are reused.
 * @param sessionOptions fetch, logger, retry and timeouts for the trustee sessions.
 */
export function createTrusteeSessions(args: {
  pipelineSession: Session
  sessionOptions?: SessionOptions
  maxSize?: number
}): TrusteeSessions {
  const maxSize = Math.max(1, args.maxSize ?? DEFAULT_MAX_SESSIONS)
  const entries = new Map<string, Entry>()
  const lastWorked = new Map<string, string>()
  const keyOf = (c: SessionKeyRow) => c.applicationCredentialId ?? c.trustId ?? c.uuid

  function open(row: TrusteeRow): Session {
    const { name: _name, sources: _sources, auth, ...transport } = args.pipelineSession.config
    if (row.applicationCredentialId) {
      if (!row.applicationCredentialSecret)
        throw new TrusteeCredentialsMissingError(row.uuid, ['application credential secret'])
      return createSession(
        {
          ...transport,
          authType: 'v3applicationcredential',
          auth: {
            authUrl: auth.authUrl,
            applicationCredentialId: row.applicationCredentialId,
            applicationCredentialSecret: row.applicationCredentialSecret,
          },
        },
        args.sessionOptions,
      )
    }
    const missing = [
      ['trustee user id', row.trusteeUserId],
      ['trustee password', row.trusteePassword],
      ['trust id', row.trustId],
    ].flatMap(([name, value]) => (value ? [] : [name as string]))
    if (missing.length > 0) throw new TrusteeCredentialsMissingError(row.uuid, missing)
    const config: CloudConfig = {
      ...transport,
      authType: 'password',
      // A user id needs no domain; the trust gives the scope (its project), so none is asked.
      auth: {
        authUrl: auth.authUrl,
        userId: row.trusteeUserId!,
        password: row.trusteePassword!,
        trustId: row.trustId!,
      },
    }
    return createSession(config, args.sessionOptions)
  }

  function forCluster(row: TrusteeRow): Session {
    const key = keyOf(row)
    const hit = entries.get(key)
    if (hit) {
      // Most recently used last: the first key is the one to evict.
      entries.delete(key)
      entries.set(key, hit)
      return hit.session
    }
    const session = open(row)
    entries.set(key, { session, row })
    while (entries.size > maxSize) {
      const oldest = entries.keys().next().value as string
      entries.delete(oldest)
    }
    return session
  }

  return {
    forCluster,
    *candidatesFor(projectId, clusters) {
      const preferred = lastWorked.get(projectId)
      const seen = new Set<string>()
      const remembered = preferred ? entries.get(preferred) : undefined
      if (preferred && remembered) {
        seen.add(preferred)
        yield { cluster: remembered.row, session: forCluster(remembered.row) }
      }
      for (const cluster of clusters) {
        if (seen.has(keyOf(cluster))) continue
        seen.add(keyOf(cluster))
        let candidate: TrusteeCandidate
        try {
          candidate = { cluster, session: forCluster(cluster) }
        } catch (error) {
          if (!(error instanceof TrusteeCredentialsMissingError)) throw error
          candidate = { cluster, error }
        }
        yield candidate
      }
    },
    worked(cluster) {
      lastWorked.set(cluster.projectId, keyOf(cluster))
    },
    forget(cluster) {
      const key = keyOf(cluster)
      const entry = entries.get(key)
      entries.delete(key)
      for (const [project, k] of lastWorked) if (k === key) lastWorked.delete(project)
      entry?.session.invalidate()
    },
    get size() {
      return entries.size
    },
  }
}

/**
 * The session for Heat calls on a cluster made for a caller: the caller's own when it is scoped
 * to the cluster's project, else the cluster's trustee (Heat shows a token only its project's
 * stacks, so an admin of another project would get 404s).
 */
export function heatSessionFor(
  deps: Pick<PipelineDeps, 'session' | 'trusteeSessions'>,
  cluster: TrusteeRow,
  callerProjectId: string | undefined,
): Session {
  return cluster.projectId === callerProjectId ? deps.session : deps.trusteeSessions.forCluster(cluster)
}
