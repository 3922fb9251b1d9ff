import {
  type Magnum,
  NODEGROUP_DEFAULTS,
  NODEGROUP_FIELDS,
  type NodeGroup,
  type NodeGroupCreateInput,
  type NodeGroupUpdateInput,
  nodeGroupToWire,
  snakeCase,
} from '@magnum-ts/core'
import type { Io } from '../context.js'
import { UsageError } from '../errors.js'
import { withMagnum } from '../pipeline.js'
import type { Command } from './command.js'
import { changesFrom, type PatchSchema, parsePatch, typePatch } from './json-patch.js'
import { definedOnly, parseCount, parseLabels } from './labels.js'
import { pipelineOptions, pipelineOptionValues } from './pipeline-options.js'

// `magnum-ts cluster nodegroup …`: python-magnumclient's `openstack coe nodegroup …`, with its
// option names, list columns and "Request to … accepted" lines.

const text = (description: string) => ({ type: 'string' as const, description })
const wait = {
  type: 'boolean' as const,
  description: 'Wait until the operation finishes, printing each status change (Ctrl-C stops waiting)',
}

/**
 * `--wait` for a nodegroup: sync cycles until it reaches `target` (the CLI runs no sync daemon,
 * so this is what carries it out of *_IN_PROGRESS), one plain line per status change.
 */
async function waitForNodeGroup(
  io: Io,
  magnum: Magnum,
  cluster: string,
  nodegroup: string,
  target: 'CREATE_COMPLETE' | 'DELETE_COMPLETE',
): Promise<void> {
  const started = Date.now()
  const elapsed = () => `[${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s]`
  const controller = new AbortController()
  const onSigint = () =>
    controller.abort(
      new Error('stopped waiting (the operation goes on; see magnum-ts cluster nodegroup show)'),
    )
  process.once('SIGINT', onSigint)
  let last: string | undefined
  try {
    await magnum.nodegroups.waitFor(cluster, nodegroup, target, {
      signal: controller.signal,
      intervalMs: Number(io.env.MAGNUM_TS_WAIT_INTERVAL_MS ?? 2000),
      onProgress: (g) => {
        if (g.status === last) return
        last = g.status
        io.stdout(`${elapsed()} ${g.name}: ${g.status}${g.statusReason ? ` (${g.statusReason})` : ''}\n`)
      },
    })
    io.stdout(`${elapsed()} ${target}\n`)
  } finally {
    process.removeListener('SIGINT', onSigint)
  }
}

export const nodegroupCreate: Command = {
  path: ['cluster', 'nodegroup', 'create'],
  usage: 'CLUSTER NAME',
  summary: 'Create a nodegroup in a cluster (Kubernetes clusters only)',
  options: {
    'node-count': text('Number of nodes (default 1)'),
    'min-nodes': text('Smallest node count a resize may reach (default 1)'),
    'max-nodes': text('Largest node count a resize may reach (default: no limit)'),
    role: text('Role of the nodes, a free-form word (default worker)'),
    flavor: text('Node flavor (default: the cluster’s)'),
    image: text('Node image (default: the cluster template’s)'),
    'docker-volume-size': text('Docker volume size in GB (default: the cluster’s)'),
    labels: {
      type: 'string',
      multiple: true,
      description: 'k=v[,k=v] (repeatable; replaces the cluster’s)',
    },
    'merge-labels': {
      type: 'boolean',
      description: 'Merge --labels into the cluster’s labels instead of replacing them',
    },
    wait,
    ...pipelineOptions,
  },
  async run({ io, global, values, positionals, print }) {
    const [cluster, name] = positionals
    if (!cluster || !name) throw new UsageError('cluster nodegroup create needs CLUSTER and NAME')
    const input = definedOnly({
      name,
      nodeCount: parseCount('--node-count', values['node-count'], 0),
      minNodeCount: parseCount('--min-nodes', values['min-nodes'], 0),
      maxNodeCount: parseCount('--max-nodes', values['max-nodes'], 0),
      role: values.role as string | undefined,
      flavorId: values.flavor as string | undefined,
      imageId: values.image as string | undefined,
      dockerVolumeSize: parseCount('--docker-volume-size', values['docker-volume-size'], 1),
      labels: parseLabels(values.labels as string[] | undefined),
      mergeLabels: values['merge-labels'] ? true : undefined,
    }) as NodeGroupCreateInput
    const created = await withMagnum(io, global, pipelineOptionValues(values), async (m) => {
      const group = await m.nodegroups.create(cluster, input)
      io.stdout(`Request to create nodegroup ${group.uuid} accepted\n`)
      if (!values.wait) return undefined
      await waitForNodeGroup(io, m, cluster, group.uuid, 'CREATE_COMPLETE')
      return m.nodegroups.get(cluster, group.uuid)
    })
    if (created) print.one(nodeGroupToWire(created))
    return 0
  },
}

/** The keys `--sort-key` accepts: every field of Magnum's nodegroup JSON. */
const NODEGROUP_WIRE_KEYS = NODEGROUP_FIELDS.map(snakeCase)

export const nodegroupList: Command = {
  path: ['cluster', 'nodegroup', 'list'],
  usage: 'CLUSTER',
  summary: 'List the nodegroups of a cluster',
  options: {
    role: text('Only nodegroups with this role'),
    limit: text('Show at most this many nodegroups'),
    'sort-key': text('Sort by this field (a wire name such as name, node_count, created_at)'),
    'sort-dir': text('asc (default) or desc'),
    ...pipelineOptions,
  },
  async run({ io, global, values, positionals, print }) {
    const [cluster] = positionals
    if (!cluster) throw new UsageError('cluster nodegroup list needs a CLUSTER')
    const role = values.role as string | undefined
    const limit = parseCount('--limit', values.limit, 1)
    const sortDir = (values['sort-dir'] as string | undefined) ?? 'asc'
    if (sortDir !== 'asc' && sortDir !== 'desc')
      throw new UsageError(`--sort-dir must be asc or desc (got "${sortDir}")`)
    const sortKey = values['sort-key'] as string | undefined
    if (sortKey !== undefined && !(NODEGROUP_WIRE_KEYS as readonly string[]).includes(sortKey))
      throw new UsageError(`--sort-key must be one of ${NODEGROUP_WIRE_KEYS.join(', ')} (got "${sortKey}")`)
    const groups = await withMagnum(io, global, pipelineOptionValues(values), (m) =>
      m.nodegroups.list(cluster, role ? { role } : {}),
    )
    const sorted = sortKey ? sortByWireKey(groups, sortKey, sortDir) : groups
    print.list(
      sorted.slice(0, limit).map((g) => ({
        uuid: g.uuid,
        name: g.name,
        flavor_id: g.flavorId ?? '',
        image_id: g.imageId ?? '',
        node_count: g.nodeCount,
        status: g.status ?? '',
        role: g.role,
      })),
    )
    return 0
  },
}

/** Sorts like Magnum's `?sort_key=&sort_dir=`: absent values last, numbers as numbers. */
function sortByWireKey(groups: NodeGroup[], key: string, dir: 'asc' | 'desc'): NodeGroup[] {
  const sortValue = (g: NodeGroup) => nodeGroupToWire(g)[key]
  const sign = dir === 'asc' ? 1 : -1
  return [...groups].sort((a, b) => {
    const x = sortValue(a)
    const y = sortValue(b)
    if (x === undefined || x === null) return y === undefined || y === null ? 0 : 1
    if (y === undefined || y === null) return -1
    if (typeof x === 'number' && typeof y === 'number') return sign * (x - y)
    return sign * String(x).localeCompare(String(y))
  })
}

export const nodegroupShow: Command = {
  path: ['cluster', 'nodegroup', 'show'],
  usage: 'CLUSTER NODEGROUP',
  summary: 'Show a nodegroup',
  options: { ...pipelineOptions },
  async run({ io, global, values, positionals, print }) {
    const [cluster, nodegroup] = positionals
    if (!cluster || !nodegroup) throw new UsageError('cluster nodegroup show needs CLUSTER and NODEGROUP')
    const group = await withMagnum(io, global, pipelineOptionValues(values), (m) =>
      m.nodegroups.get(cluster, nodegroup),
    )
    print.one(nodeGroupToWire(group))
    return 0
  },
}

/** Magnum lets a nodegroup PATCH change its bounds only; `remove` resets them to the defaults. */
const NODEGROUP_PATCH_SCHEMA: PatchSchema = {
  what: 'nodegroup',
  fields: {
    min_node_count: { field: 'minNodeCount', kind: 'integer', default: NODEGROUP_DEFAULTS.minNodeCount },
    max_node_count: { field: 'maxNodeCount', kind: 'integer', default: null },
  },
  readOnly: {
    node_count: 'use magnum-ts cluster resize CLUSTER NODE_COUNT --nodegroup NODEGROUP',
  },
}

/** `magnum-ts cluster nodegroup update CLUSTER NODEGROUP add|replace|remove PATH=VALUE…`. */
export const nodegroupUpdate: Command = {
  path: ['cluster', 'nodegroup', 'update'],
  usage: 'CLUSTER NODEGROUP add|replace|remove PATH=VALUE...',
  summary: 'Change the bounds of a nodegroup (min_node_count, max_node_count) with JSON Patch operations',
  options: { ...pipelineOptions },
  async run({ io, global, values, positionals, print }) {
    const [cluster, nodegroup, op, ...attributes] = positionals
    if (!cluster || !nodegroup || !op)
      throw new UsageError('cluster nodegroup update needs CLUSTER, NODEGROUP, an operation and PATH=VALUE')
    const typed = typePatch(parsePatch(op, attributes), NODEGROUP_PATCH_SCHEMA)
    const updated = await withMagnum(io, global, pipelineOptionValues(values), async (m) => {
      const current = await m.nodegroups.get(cluster, nodegroup)
      const changes = changesFrom(typed, current as unknown as Record<string, unknown>)
      // `replace max_node_count=null` converts to undefined; for this field it means "no limit".
      if ('maxNodeCount' in changes && changes.maxNodeCount === undefined) changes.maxNodeCount = null
      return m.nodegroups.update(cluster, current.uuid, changes as NodeGroupUpdateInput)
    })
    print.one(nodeGroupToWire(updated))
    return 0
  },
}

export const nodegroupDelete: Command = {
  path: ['cluster', 'nodegroup', 'delete'],
  usage: 'CLUSTER NODEGROUP...',
  summary: 'Delete nodegroups (their stacks; the default nodegroups go with the cluster only)',
  options: { wait, ...pipelineOptions },
  async run({ io, global, values, positionals }) {
    const [cluster, ...nodegroups] = positionals
    if (!cluster || nodegroups.length === 0)
      throw new UsageError('cluster nodegroup delete needs CLUSTER and at least one NODEGROUP')
    await withMagnum(io, global, pipelineOptionValues(values), async (m) => {
      for (const nodegroup of nodegroups) {
        const group = await m.nodegroups.delete(cluster, nodegroup)
        io.stdout(`Request to delete nodegroup ${nodegroup} has been accepted.\n`)
        if (values.wait) await waitForNodeGroup(io, m, cluster, group.uuid, 'DELETE_COMPLETE')
      }
    })
    return 0
  },
}
