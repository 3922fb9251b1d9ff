import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFakeCloud, type FakeCloud } from '@magnum-ts/testing'
import { fakeCloudsYaml } from '../src/commands/fake-cloud-config.js'
import { type Io, main } from '../src/index.js'

export interface CliOnFakeCloud {
  cloud: FakeCloud
  /** The temporary directory holding clouds.yaml and the store (the commands' working directory). */
  dir: string
  /** Runs one command line in-process; `tty` makes the io say stdout is a terminal. */
  run(
    argv: string[],
    options?: { tty?: boolean; env?: Record<string, string> },
  ): Promise<{ code: number; stdout: string; stderr: string }>
  close(): Promise<void>
}

/**
 * The fake cloud on a loopback port, a clouds.yaml with the demo user (`fake`) and Magnum's
 * trustee domain admin (`fake-trustee`), and an SQLite store shared by every command run.
 */
export async function cliOnFakeCloud(resourceSeconds = 0): Promise<CliOnFakeCloud> {
  const cloud = createFakeCloud({ heat: { resourceSeconds } })
  const listening = await cloud.listen({ port: 0, host: '127.0.0.1' })
  const dir = mkdtempSync(join(tmpdir(), 'magnum-ts-cli-fake-'))
  const cloudsFile = join(dir, 'clouds.yaml')
  writeFileSync(cloudsFile, fakeCloudsYaml(listening.url))
  const env = {
    OS_CLIENT_CONFIG_FILE: cloudsFile,
    OS_CLOUD: 'fake',
    MAGNUM_TS_STORE: `sqlite:${join(dir, 'store.sqlite')}`,
    MAGNUM_TS_TRUSTEE_CLOUD: 'fake-trustee',
    MAGNUM_TS_WAIT_INTERVAL_MS: '40',
  }
  return {
    cloud,
    dir,
    async run(argv, options = {}) {
      let stdout = ''
      let stderr = ''
      const io: Io = {
        stdout: (t) => {
          stdout += t
        },
        stderr: (t) => {
          stderr += t
        },
        env: { ...env, ...options.env },
        cwd: dir,
        isTty: options.tty ?? false,
      }
      const code = await main(argv, io)
      return { code, stdout, stderr }
    },
    async close() {
      await listening.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The Kubernetes template of the demo, on the fake cloud's seeded world. */
export const K8S_TEMPLATE: readonly string[] = [
  '--coe',
  'kubernetes',
  '--image',
  'fedora-atomic-latest',
  '--keypair',
  'default',
  '--external-network',
  'public',
  '--flavor',
  'm1.small',
  '--master-flavor',
  'm1.small',
  '--network-driver',
  'flannel',
]
