import { type CloudConfig, createSession, loadCloudConfig, type Session } from '@magnum-ts/auth'
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
  return createSession(config, {
    ...(options.debug
      ? {
          logger: (e) =>
            io.stderr(
              `DEBUG ${e.method} ${e.url} → ${e.status ?? e.error} ${e.durationMs}ms${e.requestId ? ` ${e.requestId}` : ''}\n`,
            ),
        }
      : {}),
  })
}
