import {
  type CloudConfig,
  createSession,
  loadCloudConfig,
  type Session,
  type SessionOptions,
} from '@magnum-ts/auth'
import type { OutputFormat } from './output/format.js'

/** Where a command writes, and what it was given: injectable so tests run commands in-process. */
export interface Io {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: Record<string, string | undefined>
  cwd: string
  isTty: boolean
}

export interface GlobalOptions {
  osCloud: string | undefined
  format: OutputFormat
  columns: string[]
  debug: boolean
}

/** Opens a session the way the openstack CLI would: --os-cloud / OS_CLOUD, clouds.yaml, OS_*. */
export async function openSession(io: Io, options: GlobalOptions): Promise<Session> {
  const config: CloudConfig = await loadCloudConfig({
    ...(options.osCloud ? { cloud: options.osCloud } : {}),
    env: io.env,
    cwd: io.cwd,
  })
  return createSession(config, debugSessionOptions(io, options))
}

/** `--debug`: every session the CLI makes (caller, trustee admin, trustees) logs its redacted trace. */
export function debugSessionOptions(io: Io, options: Pick<GlobalOptions, 'debug'>): SessionOptions {
  if (!options.debug) return {}
  return {
    logger: (e) =>
      io.stderr(
        `DEBUG ${e.method} ${e.url} → ${e.status ?? e.error} ${e.durationMs}ms${e.requestId ? ` ${e.requestId}` : ''}\n`,
      ),
  }
}
