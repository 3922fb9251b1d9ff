import { homedir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createSession, findDomain, loadCloudConfig, OpenStackError } from '@magnum-ts/auth'
import { createCertStore } from '@magnum-ts/certs'
import { createMagnum, type Magnum, openStore } from '@magnum-ts/core'
import { k8sFedoraAtomicDriver } from '@magnum-ts/driver-k8s-fedora-atomic'

/** Where output goes and which environment the CLI reads (process.* in bin.ts, captured in tests). */
export interface Io {
  stdout(text: string): void
  stderr(text: string): void
  env: Record<string, string | undefined>
}

// ACME's opinions: one image, one network, two sizes. Teams only choose a name and a size.
const SIZES = { small: { nodeCount: 1, flavor: 'm1.small' }, large: { nodeCount: 3, flavor: 'm1.medium' } }
type Size = keyof typeof SIZES
const USAGE = 'usage: acme-k8s create NAME [--size small|large] | list | delete NAME\n'

/** Opens ACME's pipeline: the user's cloud, the trustee admin cloud, and the shared store. */
async function openMagnum(env: Io['env']): Promise<{ magnum: Magnum; close(): Promise<void> }> {
  const session = createSession(await loadCloudConfig({ cloud: env.ACME_CLOUD ?? 'acme', env }))
  const adminSession = createSession(
    await loadCloudConfig({ cloud: env.ACME_TRUSTEE_CLOUD ?? 'acme-trustee', env }),
  )
  const store = await openStore(env.ACME_STORE ?? `sqlite:${join(homedir(), '.acme-k8s.sqlite')}`)
  const magnum = createMagnum({
    session,
    store,
    drivers: [k8sFedoraAtomicDriver],
    certStore: createCertStore('store', { table: store.x509KeyPairs }),
    trustee: { adminSession, domainId: (await findDomain(adminSession, 'magnum')).id },
  })
  return { magnum, close: () => store.close() }
}

/** The template for a size, created on first use (so a fresh store needs no setup step). */
async function templateFor(magnum: Magnum, size: Size): Promise<string> {
  const name = `acme-k8s-${size}`
  const existing = (await magnum.clusterTemplates.list()).find((t) => t.name === name)
  if (existing) return existing.uuid
  const created = await magnum.clusterTemplates.create({
    name,
    coe: 'kubernetes',
    imageId: 'fedora-atomic-latest',
    flavorId: SIZES[size].flavor,
    masterFlavorId: 'm1.small',
    keypairId: 'default',
    externalNetworkId: 'public',
    networkDriver: 'flannel',
    labels: { owner: 'acme-platform' },
  })
  return created.uuid
}

/** Runs one command; resolves with the exit code (0 ok, 1 failed, 2 bad usage). */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    io.stderr(`acme-k8s: ${(error as Error).message}\n${USAGE}`)
    return 2
  }
  const [command, name] = parsed.positionals
  const size = parsed.values.size
  if (!(size in SIZES)) return usage(io, `--size must be small or large (got "${size}")`)
  if ((command === 'create' || command === 'delete') && !name) return usage(io, `${command} needs a NAME`)
  if (command !== 'create' && command !== 'delete' && command !== 'list') return usage(io, 'unknown command')

  const intervalMs = Number(io.env.ACME_WAIT_MS ?? 5000)
  const { magnum, close } = await openMagnum(io.env)
  try {
    if (command === 'list') {
      for (const c of await magnum.clusters.list())
        io.stdout(`${c.name}\t${c.status}\t${c.nodeCount} nodes\t${c.apiAddress ?? '-'}\n`)
    } else if (command === 'create') {
      const template = await templateFor(magnum, size as Size)
      const cluster = await magnum.clusters.create({
        name: name!,
        clusterTemplateId: template,
        nodeCount: SIZES[size as Size].nodeCount,
      })
      io.stdout(`creating ${cluster.name} (${cluster.uuid})…\n`)
      const done = await magnum.clusters.waitFor(cluster.uuid, 'CREATE_COMPLETE', { intervalMs })
      io.stdout(`${done?.name} is ready: ${done?.apiAddress}\n`)
    } else {
      await magnum.clusters.delete(name!)
      await magnum.clusters.waitFor(name!, 'DELETE_COMPLETE', { intervalMs })
      io.stdout(`${name} deleted\n`)
    }
    return 0
  } catch (error) {
    // Core's errors name the field and the fix: print them as they are, no stack for users.
    if (!(error instanceof OpenStackError)) throw error
    io.stderr(`acme-k8s: ${error.message}\n`)
    return 1
  } finally {
    await close()
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { size: { type: 'string', default: 'small' } },
  })
}

function usage(io: Io, problem: string): number {
  io.stderr(`acme-k8s: ${problem}\n${USAGE}`)
  return 2
}
