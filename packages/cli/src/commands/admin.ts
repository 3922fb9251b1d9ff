import { readFile } from 'node:fs/promises'
import { certificateToWire, type QuotaResource, quotaToWire, statsToWire } from '@magnum-ts/core'
import { UsageError } from '../errors.js'
import { withMagnum } from '../pipeline.js'
import type { Command, CommandInput } from './command.js'
import { parseCount } from './labels.js'
import { pipelineOptions, pipelineOptionValues } from './pipeline-options.js'
import { waitWithProgress } from './wait.js'

const text = (description: string) => ({ type: 'string' as const, description })

/** `magnum-ts cluster upgrade NAME TEMPLATE`: rolls the cluster onto another template. */
export const clusterUpgrade: Command = {
  path: ['cluster', 'upgrade'],
  usage: 'NAME_OR_ID CLUSTER_TEMPLATE',
  summary: 'Upgrade a cluster to another cluster template of the same COE (k8s)',
  options: {
    'max-batch-size': text('Nodes replaced at a time (default 1)'),
    nodegroup: text('Nodegroup name or id (default: default-worker)'),
    wait: { type: 'boolean', description: 'Wait until the upgrade finishes, showing progress' },
    ...pipelineOptions,
  },
  async run({ io, global, values, positionals }) {
    const [id, template] = positionals
    if (!id || !template) throw new UsageError('cluster upgrade needs NAME_OR_ID and CLUSTER_TEMPLATE')
    const maxBatchSize = parseCount('--max-batch-size', values['max-batch-size'], 1)
    await withMagnum(io, global, pipelineOptionValues(values), async (m) => {
      const cluster = await m.clusters.upgrade(id, {
        clusterTemplate: template,
        ...(maxBatchSize !== undefined ? { maxBatchSize } : {}),
        ...(values.nodegroup ? { nodegroup: values.nodegroup as string } : {}),
      })
      io.stdout(`Request to upgrade cluster ${cluster.uuid} accepted\n`)
      if (values.wait) await waitWithProgress(io, m, cluster.uuid, 'UPDATE_COMPLETE')
    })
    return 0
  },
}

/** A certificate as PEM text by default (what `openstack coe ca show` prints), else in the chosen format. */
function printCertificate(
  { io, global, print }: Pick<CommandInput, 'io' | 'global' | 'print'>,
  certificate: Parameters<typeof certificateToWire>[0] & { pem: string },
): void {
  if (global.format === 'table')
    io.stdout(certificate.pem.endsWith('\n') ? certificate.pem : `${certificate.pem}\n`)
  else print.one(certificateToWire(certificate))
}

/** `magnum-ts ca show CLUSTER`: the cluster CA certificate (PEM). */
export const caShow: Command = {
  path: ['ca', 'show'],
  usage: 'CLUSTER',
  summary: "Show a cluster's CA certificate",
  options: { ...pipelineOptions },
  async run({ io, global, values, positionals, print }) {
    const [id] = positionals
    if (!id) throw new UsageError('ca show needs a CLUSTER')
    const ca = await withMagnum(io, global, pipelineOptionValues(values), async (m) =>
      m.certificates.get((await m.clusters.get(id)).uuid),
    )
    printCertificate({ io, global, print }, ca)
    return 0
  },
}

/** `magnum-ts ca sign CLUSTER CSR_FILE`: signs a CSR with the cluster CA. */
export const caSign: Command = {
  path: ['ca', 'sign'],
  usage: 'CLUSTER CSR_FILE',
  summary: 'Sign a certificate signing request with the cluster CA (prints the certificate)',
  options: { ...pipelineOptions },
  async run({ io, global, values, positionals, print }) {
    const [id, file] = positionals
    if (!id || !file) throw new UsageError('ca sign needs CLUSTER and CSR_FILE')
    const csr = await readFile(file, 'utf8').catch(() => {
      throw new UsageError(`cannot read CSR file "${file}"`)
    })
    const signed = await withMagnum(io, global, pipelineOptionValues(values), async (m) =>
      m.certificates.sign((await m.clusters.get(id)).uuid, csr),
    )
    printCertificate({ io, global, print }, signed)
    return 0
  },
}

/** `magnum-ts ca rotate CLUSTER`: a new CA for drivers that support it. */
export const caRotate: Command = {
  path: ['ca', 'rotate'],
  usage: 'CLUSTER',
  summary: "Rotate a cluster's CA (drivers that support it)",
  options: { ...pipelineOptions },
  async run({ io, global, values, positionals }) {
    const [id] = positionals
    if (!id) throw new UsageError('ca rotate needs a CLUSTER')
    await withMagnum(io, global, pipelineOptionValues(values), async (m) =>
      m.certificates.rotate((await m.clusters.get(id)).uuid),
    )
    io.stdout(`Request to rotate the CA of cluster ${id} has been accepted.\n`)
    return 0
  },
}

const quotaOptions = {
  'project-id': text('Project id'),
  resource: text('Resource (Cluster)'),
  'hard-limit': text('Maximum number of the resource'),
  ...pipelineOptions,
}

function quotaKey(values: Record<string, unknown>) {
  const projectId = values['project-id'] as string | undefined
  if (!projectId) throw new UsageError('--project-id is required')
  return { projectId, resource: ((values.resource as string | undefined) ?? 'Cluster') as QuotaResource }
}

export const quotaCreate: Command = {
  path: ['quota', 'create'],
  summary: 'Create a project quota (admin)',
  options: quotaOptions,
  async run({ io, global, values, print }) {
    const key = quotaKey(values)
    const hardLimit = parseCount('--hard-limit', values['hard-limit'], 1)
    const quota = await withMagnum(io, global, pipelineOptionValues(values), (m) =>
      m.quotas.create({ ...key, ...(hardLimit !== undefined ? { hardLimit } : {}) }),
    )
    print.one(quotaToWire(quota))
    return 0
  },
}

export const quotaShow: Command = {
  path: ['quota', 'show'],
  summary: "Show a project's quota (default 20 clusters when none is set)",
  options: quotaOptions,
  async run({ io, global, values, print }) {
    const key = quotaKey(values)
    print.one(
      quotaToWire(
        await withMagnum(io, global, pipelineOptionValues(values), (m) =>
          m.quotas.get(key.projectId, key.resource),
        ),
      ),
    )
    return 0
  },
}

export const quotaUpdate: Command = {
  path: ['quota', 'update'],
  summary: "Change a project's quota (admin)",
  options: quotaOptions,
  async run({ io, global, values, print }) {
    const key = quotaKey(values)
    const hardLimit = parseCount('--hard-limit', values['hard-limit'], 1)
    if (hardLimit === undefined) throw new UsageError('quota update needs --hard-limit')
    print.one(
      quotaToWire(
        await withMagnum(io, global, pipelineOptionValues(values), (m) =>
          m.quotas.update(key.projectId, key.resource, { hardLimit }),
        ),
      ),
    )
    return 0
  },
}

export const quotaList: Command = {
  path: ['quota', 'list'],
  summary: 'List quotas (admin)',
  options: { ...pipelineOptions },
  async run({ io, global, values, print }) {
    const quotas = await withMagnum(io, global, pipelineOptionValues(values), (m) => m.quotas.list())
    print.list(quotas.map((q) => quotaToWire(q)))
    return 0
  },
}

export const quotaDelete: Command = {
  path: ['quota', 'delete'],
  summary: 'Delete a project quota (admin)',
  options: quotaOptions,
  async run({ io, global, values }) {
    const key = quotaKey(values)
    await withMagnum(io, global, pipelineOptionValues(values), (m) =>
      m.quotas.delete(key.projectId, key.resource),
    )
    io.stdout(`Request to delete quota of project ${key.projectId} has been accepted.\n`)
    return 0
  },
}

/** `magnum-ts stats`: cluster and node counts (your project, or another for admins). */
export const statsCommand: Command = {
  path: ['stats'],
  summary: 'Show cluster and node counts for your project (admins: any project or all)',
  options: { 'project-id': text('Another project (admin)'), ...pipelineOptions },
  async run({ io, global, values, print }) {
    const projectId = values['project-id'] as string | undefined
    const stats = await withMagnum(io, global, pipelineOptionValues(values), (m) =>
      m.stats(projectId ? { projectId } : {}),
    )
    print.one(statsToWire(stats))
    return 0
  },
}
