import {
  CLUSTER_TEMPLATE_DEFAULTS,
  CLUSTER_TEMPLATE_FIELDS,
  type ClusterTemplate,
  type ClusterTemplateInput,
  clusterTemplateToWire,
  IMMUTABLE_TEMPLATE_FIELDS,
  NON_REMOVABLE_TEMPLATE_FIELDS,
  snakeCase,
} from '@magnum-ts/core'
import { UsageError } from '../errors.js'
import { withMagnum } from '../pipeline.js'
import type { Command } from './command.js'
import { changesFrom, type FieldKind, type PatchSchema, parsePatch, typePatch } from './json-patch.js'
import { definedOnly, parseCount, parseLabels } from './labels.js'
import { pipelineOptions, pipelineOptionValues } from './pipeline-options.js'

const text = (description: string) => ({ type: 'string' as const, description })
const flag = (description: string) => ({ type: 'boolean' as const, description })

/** `magnum-ts cluster template create`: python-magnumclient's option names. */
export const clusterTemplateCreate: Command = {
  path: ['cluster', 'template', 'create'],
  usage: 'NAME',
  summary: 'Create a cluster template (validated against the cloud and the driver rules)',
  options: {
    coe: text('Container orchestration engine: kubernetes, swarm-mode, mesos'),
    image: text('Glance image name or id (its os_distro selects the driver)'),
    keypair: text('Nova keypair'),
    'external-network': text('External (router:external) network name or id'),
    'fixed-network': text('Existing private network'),
    'fixed-subnet': text('Existing private subnet'),
    'network-driver': text('flannel, calico, docker, … (per COE)'),
    'volume-driver': text('cinder or rexray (per COE)'),
    'dns-nameserver': text('DNS server IP(s), comma-separated'),
    flavor: text('Node flavor'),
    'master-flavor': text('Master flavor'),
    'docker-volume-size': text('Docker volume size in GB'),
    'docker-storage-driver': text('Docker storage driver'),
    'http-proxy': text('HTTP proxy for the nodes'),
    'https-proxy': text('HTTPS proxy for the nodes'),
    'no-proxy': text('Hosts that bypass the proxy'),
    labels: { type: 'string', multiple: true, description: 'k=v[,k=v] (repeatable)' },
    'tls-disabled': flag('Disable TLS on the COE API'),
    public: flag('Make the template public (admin)'),
    hidden: flag('Hide the template (admin)'),
    'registry-enabled': flag('Enable the docker registry'),
    'server-type': text('vm (default) or bm'),
    'master-lb-enabled': flag('Put a load balancer in front of the masters'),
    'floating-ip-enabled': flag('Give nodes floating IPs (default)'),
    'floating-ip-disabled': flag('No floating IPs on nodes'),
    ...pipelineOptions,
  },
  async run({ io, global, values, positionals, print }) {
    const [name] = positionals
    if (!name) throw new UsageError('cluster template create needs a NAME')
    if (values['floating-ip-enabled'] && values['floating-ip-disabled']) {
      throw new UsageError('choose one of --floating-ip-enabled and --floating-ip-disabled')
    }
    const s = (k: string) => values[k] as string | undefined
    const input = definedOnly({
      name,
      coe: s('coe'),
      imageId: s('image'),
      keypairId: s('keypair'),
      externalNetworkId: s('external-network'),
      fixedNetwork: s('fixed-network'),
      fixedSubnet: s('fixed-subnet'),
      networkDriver: s('network-driver'),
      volumeDriver: s('volume-driver'),
      dnsNameserver: s('dns-nameserver')
        ?.split(',')
        .map((x) => x.trim()),
      flavorId: s('flavor'),
      masterFlavorId: s('master-flavor'),
      dockerVolumeSize: parseCount('--docker-volume-size', values['docker-volume-size'], 1),
      dockerStorageDriver: s('docker-storage-driver'),
      httpProxy: s('http-proxy'),
      httpsProxy: s('https-proxy'),
      noProxy: s('no-proxy'),
      labels: parseLabels(values.labels as string[] | undefined) ?? {},
      tlsDisabled: Boolean(values['tls-disabled']),
      public: Boolean(values.public),
      hidden: Boolean(values.hidden),
      registryEnabled: Boolean(values['registry-enabled']),
      serverType: (s('server-type') ?? 'vm') as 'vm' | 'bm',
      masterLbEnabled: Boolean(values['master-lb-enabled']),
      floatingIpEnabled: !values['floating-ip-disabled'],
    }) as ClusterTemplateInput
    const created = await withMagnum(io, global, pipelineOptionValues(values), (m) =>
      m.clusterTemplates.create(input),
    )
    print.one(clusterTemplateToWire(created))
    return 0
  },
}

export const clusterTemplateList: Command = {
  path: ['cluster', 'template', 'list'],
  summary: 'List the cluster templates you can use',
  options: { ...pipelineOptions },
  async run({ io, global, values, print }) {
    const templates = await withMagnum(io, global, pipelineOptionValues(values), (m) =>
      m.clusterTemplates.list(),
    )
    print.list(templates.map((t) => ({ uuid: t.uuid, name: t.name, coe: t.coe, public: t.public })))
    return 0
  },
}

export const clusterTemplateShow: Command = {
  path: ['cluster', 'template', 'show'],
  usage: 'NAME_OR_ID',
  summary: 'Show a cluster template',
  options: { ...pipelineOptions },
  async run({ io, global, values, positionals, print }) {
    const [id] = positionals
    if (!id) throw new UsageError('cluster template show needs a NAME_OR_ID')
    const template = await withMagnum(io, global, pipelineOptionValues(values), (m) =>
      m.clusterTemplates.get(id),
    )
    print.one(clusterTemplateToWire(template))
    return 0
  },
}

export const clusterTemplateDelete: Command = {
  path: ['cluster', 'template', 'delete'],
  usage: 'NAME_OR_ID...',
  summary: 'Delete cluster templates no cluster uses',
  options: { ...pipelineOptions },
  async run({ io, global, values, positionals }) {
    if (positionals.length === 0) throw new UsageError('cluster template delete needs a NAME_OR_ID')
    await withMagnum(io, global, pipelineOptionValues(values), async (m) => {
      for (const id of positionals) {
        await m.clusterTemplates.delete(id)
        io.stdout(`Request to delete cluster template ${id} has been accepted.\n`)
      }
    })
    return 0
  },
}

const TEMPLATE_FIELD_KINDS: Partial<Record<keyof ClusterTemplate, FieldKind>> = {
  dockerVolumeSize: 'integer',
  apiserverPort: 'integer',
  dnsNameserver: 'list',
  labels: 'labels',
  registryEnabled: 'boolean',
  tlsDisabled: 'boolean',
  public: 'boolean',
  hidden: 'boolean',
  masterLbEnabled: 'boolean',
  floatingIpEnabled: 'boolean',
  serverType: ['vm', 'bm'],
}

/** Paths of a template PATCH: every field but ids, timestamps and cluster_distro (the image's). */
export const TEMPLATE_PATCH_SCHEMA: PatchSchema = {
  what: 'cluster template',
  fields: Object.fromEntries(
    CLUSTER_TEMPLATE_FIELDS.filter(
      (f) => f !== 'clusterDistro' && !(IMMUTABLE_TEMPLATE_FIELDS as readonly string[]).includes(f),
    ).map((field) => [
      snakeCase(field),
      {
        field,
        kind: TEMPLATE_FIELD_KINDS[field] ?? 'string',
        removable: !(NON_REMOVABLE_TEMPLATE_FIELDS as readonly string[]).includes(field),
        default: (CLUSTER_TEMPLATE_DEFAULTS as Partial<Record<string, unknown>>)[field],
      },
    ]),
  ),
  readOnly: {
    ...Object.fromEntries(
      IMMUTABLE_TEMPLATE_FIELDS.map((f) => [snakeCase(f), 'Magnum never changes ids and timestamps']),
    ),
    cluster_distro: "it always comes from the image's os_distro (replace image_id instead)",
  },
}

/** `magnum-ts cluster template update NAME add|replace|remove PATH=VALUE…`, as `openstack coe cluster template update`. */
export const clusterTemplateUpdate: Command = {
  path: ['cluster', 'template', 'update'],
  usage: 'NAME_OR_ID add|replace|remove PATH=VALUE...',
  summary: 'Change a cluster template with JSON Patch operations (one in use: only name, public, hidden)',
  options: { ...pipelineOptions },
  async run({ io, global, values, positionals, print }) {
    const [id, op, ...attributes] = positionals
    if (!id || !op)
      throw new UsageError('cluster template update needs NAME_OR_ID, an operation and PATH=VALUE')
    // Paths and value types are checked before anything is asked of the cloud.
    const typed = typePatch(parsePatch(op, attributes), TEMPLATE_PATCH_SCHEMA)
    const updated = await withMagnum(io, global, pipelineOptionValues(values), async (m) => {
      const current = await m.clusterTemplates.get(id)
      const changes = changesFrom(typed, current as unknown as Record<string, unknown>)
      return m.clusterTemplates.update(current.uuid, changes as Partial<ClusterTemplate>)
    })
    print.one(clusterTemplateToWire(updated))
    return 0
  },
}
