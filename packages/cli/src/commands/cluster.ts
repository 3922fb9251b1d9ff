import {
  CLUSTER_DEFAULTS,
  CLUSTER_FIELDS,
  type ClusterCreateInput,
  type ClusterUpdateChanges,
  clusterToWire,
  snakeCase,
} from '@magnum-ts/core'
import { UsageError } from '../errors.js'
import { missingTrusteeCloud, resolveClusterCredential, withMagnum } from '../pipeline.js'
import type { Command } from './command.js'
import { printPreview } from './dry-run.js'
import { changesFrom, type PatchSchema, parsePatch, typePatch } from './json-patch.js'
import { definedOnly, parseCount, parseLabels } from './labels.js'
import { pipelineOptions, pipelineOptionValues } from './pipeline-options.js'
import { waitWithProgress } from './wait.js'

const text = (description: string) => ({ type: 'string' as const, description })
const flag = (description: string) => ({ type: 'boolean' as const, description })
const wait = flag('Wait until the operation finishes, showing progress (Ctrl-C stops waiting)')
const dryRun = flag(
  'Print the Heat request it would send (template, files, environment files, parameters); change nothing',
)

/** `magnum-ts cluster create`: python-magnumclient's option names. */
export const clusterCreate: Command = {
  path: ['cluster', 'create'],
  usage: 'NAME',
  summary: 'Create a cluster from a cluster template',
  options: {
    'cluster-template': text('Cluster template name or id'),
    'master-count': text('Number of masters (default 1)'),
    'node-count': text('Number of nodes (default 1)'),
    keypair: text('Nova keypair (default: the template’s)'),
    timeout: text('Create timeout in minutes (default 60)'),
    'discovery-url': text('etcd discovery URL'),
    'docker-volume-size': text('Docker volume size in GB'),
    labels: {
      type: 'string',
      multiple: true,
      description: 'k=v[,k=v] (repeatable; replaces the template’s)',
    },
    'merge-labels': flag('Merge --labels into the template’s labels instead of replacing them'),
    flavor: text('Node flavor'),
    'master-flavor': text('Master flavor'),
    'fixed-network': text('Existing private network'),
    'fixed-subnet': text('Existing private subnet'),
    'floating-ip-enabled': flag('Give nodes floating IPs'),
    'floating-ip-disabled': flag('No floating IPs on nodes'),
    'master-lb-enabled': flag('Put a load balancer in front of the masters'),
    wait,
    'dry-run': dryRun,
    ...pipelineOptions,
  },
  async run({ io, global, values, positionals, print }) {
    const [name] = positionals
    if (!name) throw new UsageError('cluster create needs a NAME')
    if (values.wait && values['dry-run']) throw new UsageError('choose one of --wait and --dry-run')
    const template = values['cluster-template'] as string | undefined
    if (!template) throw new UsageError('cluster create needs --cluster-template')
    const s = (k: string) => values[k] as string | undefined
    const input = definedOnly({
      name,
      clusterTemplateId: template,
      masterCount: parseCount('--master-count', values['master-count'], 1),
      nodeCount: parseCount('--node-count', values['node-count'], 1),
      keypair: s('keypair'),
      createTimeout: parseCount('--timeout', values.timeout, 0),
      discoveryUrl: s('discovery-url'),
      dockerVolumeSize: parseCount('--docker-volume-size', values['docker-volume-size'], 1),
      labels: parseLabels(values.labels as string[] | undefined),
      mergeLabels: Boolean(values['merge-labels']),
      flavorId: s('flavor'),
      masterFlavorId: s('master-flavor'),
      fixedNetwork: s('fixed-network'),
      fixedSubnet: s('fixed-subnet'),
      ...(values['floating-ip-enabled'] ? { floatingIpEnabled: true } : {}),
      ...(values['floating-ip-disabled'] ? { floatingIpEnabled: false } : {}),
      ...(values['master-lb-enabled'] ? { masterLbEnabled: true } : {}),
    }) as ClusterCreateInput
    // An application-credential cluster needs no trustee domain admin (and a bad mode fails here, exit 2).
    const trusteeCloudGiven =
      resolveClusterCredential(pipelineOptionValues(values), io.env) === 'application-credential' ||
      Boolean(values['trustee-cloud'] ?? io.env.MAGNUM_TS_TRUSTEE_CLOUD)
    if (values['dry-run']) {
      const preview = await withMagnum(io, global, pipelineOptionValues(values), (m) =>
        m.clusters.preview.create(input),
      )
      printPreview(preview, { global, print })
      // The preview needs no trustee; the real create does, so say so now rather than then.
      if (!trusteeCloudGiven) {
        io.stderr(
          'magnum-ts: note: the real create also needs --trustee-cloud (or MAGNUM_TS_TRUSTEE_CLOUD)\n',
        )
      }
      return 0
    }
    // Refused before the cluster row exists, rather than leaving a CREATE_FAILED cluster behind.
    if (!trusteeCloudGiven) throw missingTrusteeCloud()
    const cluster = await withMagnum(io, global, pipelineOptionValues(values), async (m, _store, session) => {
      const created = await m.clusters.create(input)
      io.stdout(`Request to create cluster ${created.uuid} accepted\n`)
      return values.wait ? await waitWithProgress(io, m, created.uuid, 'CREATE_COMPLETE', session) : created
    })
    if (values.wait && cluster) print.one(clusterToWire(cluster))
    return 0
  },
}

export const clusterList: Command = {
  path: ['cluster', 'list'],
  summary: 'List clusters',
  options: { ...pipelineOptions },
  async run({ io, global, values, print }) {
    const clusters = await withMagnum(io, global, pipelineOptionValues(values), (m) => m.clusters.list())
    print.list(
      clusters.map((c) => ({
        uuid: c.uuid,
        name: c.name,
        keypair: c.keypair ?? '',
        node_count: c.nodeCount,
        master_count: c.masterCount,
        status: c.status,
        health_status: c.healthStatus ?? '',
      })),
    )
    return 0
  },
}

export const clusterShow: Command = {
  path: ['cluster', 'show'],
  usage: 'NAME_OR_ID',
  summary: 'Show a cluster',
  options: { ...pipelineOptions },
  async run({ io, global, values, positionals, print }) {
    const [id] = positionals
    if (!id) throw new UsageError('cluster show needs a NAME_OR_ID')
    print.one(
      clusterToWire(await withMagnum(io, global, pipelineOptionValues(values), (m) => m.clusters.get(id))),
    )
    return 0
  },
}

export const clusterResize: Command = {
  path: ['cluster', 'resize'],
  usage: 'NAME_OR_ID NODE_COUNT',
  summary: 'Resize a nodegroup (default worker), removing the named nodes first when shrinking',
  options: {
    'nodes-to-remove': {
      type: 'string',
      multiple: true,
      description: 'Server id or name to remove (repeatable)',
    },
    nodegroup: text('Nodegroup name or id (default: default-worker)'),
    wait,
    'dry-run': dryRun,
    ...pipelineOptions,
  },
  async run({ io, global, values, positionals, print }) {
    const [id, count] = positionals
    if (!id || count === undefined) throw new UsageError('cluster resize needs NAME_OR_ID and NODE_COUNT')
    if (values.wait && values['dry-run']) throw new UsageError('choose one of --wait and --dry-run')
    const nodeCount = parseCount('NODE_COUNT', count, 0)!
    const input = {
      nodeCount,
      nodesToRemove: (values['nodes-to-remove'] as string[] | undefined) ?? [],
      ...(values.nodegroup ? { nodegroup: values.nodegroup as string } : {}),
    }
    if (values['dry-run']) {
      const preview = await withMagnum(io, global, pipelineOptionValues(values), (m) =>
        m.clusters.preview.resize(id, input),
      )
      printPreview(preview, { global, print })
      return 0
    }
    await withMagnum(io, global, pipelineOptionValues(values), async (m, _store, session) => {
      const cluster = await m.clusters.resize(id, input)
      io.stdout(`Request to resize cluster ${cluster.uuid} to ${nodeCount} nodes accepted\n`)
      if (values.wait) await waitWithProgress(io, m, cluster.uuid, 'UPDATE_COMPLETE', session)
    })
    return 0
  },
}

/**
 * Paths of a cluster PATCH: every cluster field resolves (so Magnum's answer can name it), but
 * only `node_count` may change; the pipeline refuses the others with a 400 naming the field.
 */
export const CLUSTER_PATCH_SCHEMA: PatchSchema = {
  what: 'cluster',
  fields: Object.fromEntries(
    [...CLUSTER_FIELDS, 'masterLbEnabled' as const].map((field) => [
      snakeCase(field),
      field === 'nodeCount'
        ? { field, kind: 'integer' as const, default: CLUSTER_DEFAULTS.nodeCount }
        : { field, kind: field === 'labels' ? ('labels' as const) : ('any' as const) },
    ]),
  ),
}

/** `magnum-ts cluster update NAME add|replace|remove PATH=VALUE…`, as `openstack coe cluster update`. */
export const clusterUpdate: Command = {
  path: ['cluster', 'update'],
  usage: 'NAME_OR_ID add|replace|remove PATH=VALUE...',
  summary: 'Change a cluster with JSON Patch operations (Magnum allows node_count only)',
  options: { wait, 'dry-run': dryRun, ...pipelineOptions },
  async run({ io, global, values, positionals, print }) {
    const [id, op, ...attributes] = positionals
    if (!id || !op) throw new UsageError('cluster update needs NAME_OR_ID, an operation and PATH=VALUE')
    if (values.wait && values['dry-run']) throw new UsageError('choose one of --wait and --dry-run')
    const typed = typePatch(parsePatch(op, attributes), CLUSTER_PATCH_SCHEMA)
    await withMagnum(io, global, pipelineOptionValues(values), async (m, _store, session) => {
      const current = await m.clusters.get(id)
      const changes = changesFrom(
        typed,
        current as unknown as Record<string, unknown>,
      ) as ClusterUpdateChanges
      if (values['dry-run']) {
        printPreview(await m.clusters.preview.update(current.uuid, changes), { global, print })
        return
      }
      await m.clusters.update(current.uuid, changes)
      io.stdout(`Request to update cluster ${current.uuid} has been accepted.\n`)
      if (values.wait) await waitWithProgress(io, m, current.uuid, 'UPDATE_COMPLETE', session)
    })
    return 0
  },
}

export const clusterDelete: Command = {
  path: ['cluster', 'delete'],
  usage: 'NAME_OR_ID...',
  summary: 'Delete clusters (their stacks, trust, trustee and certificates)',
  options: { wait, ...pipelineOptions },
  async run({ io, global, values, positionals }) {
    if (positionals.length === 0) throw new UsageError('cluster delete needs a NAME_OR_ID')
    await withMagnum(io, global, pipelineOptionValues(values), async (m, _store, session) => {
      for (const id of positionals) {
        const cluster = await m.clusters.get(id)
        await m.clusters.delete(cluster.uuid)
        io.stdout(`Request to delete cluster ${id} has been accepted.\n`)
        if (values.wait) await waitWithProgress(io, m, cluster.uuid, 'DELETE_COMPLETE', session)
      }
    })
    return 0
  },
}

export const clusterConfig: Command = {
  path: ['cluster', 'config'],
  usage: 'NAME_OR_ID',
  summary: 'Write the files to reach a cluster (kubeconfig, docker or mesos env) and print the exports',
  options: {
    dir: text('Directory to write into (default: the current directory)'),
    force: flag('Overwrite existing files'),
    'use-keystone': flag(
      'Kubernetes: authenticate with your Keystone token (client-keystone-auth) instead of a client certificate',
    ),
    'output-certs': flag('Also write ca.pem, cert.pem and key.pem next to the config'),
    ...pipelineOptions,
  },
  async run({ io, global, values, positionals }) {
    const [id] = positionals
    if (!id) throw new UsageError('cluster config needs a NAME_OR_ID')
    const dir = (values.dir as string | undefined) ?? io.cwd
    const config = await withMagnum(io, global, pipelineOptionValues(values), (m) =>
      m.clusters.config(id, {
        dir,
        force: Boolean(values.force),
        useKeystone: Boolean(values['use-keystone']),
        outputCerts: Boolean(values['output-certs']),
      }),
    )
    for (const [k, v] of Object.entries(config.env)) io.stdout(`export ${k}=${v}\n`)
    return 0
  },
}
