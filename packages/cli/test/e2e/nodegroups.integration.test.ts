import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { built, type E2eCloud, json, jsonAfterProgress, k8sTemplateOptions, startCloud } from './support.js'

// `magnum-ts cluster nodegroup …` (openstack coe nodegroup …) as processes, on one Kubernetes
// cluster of the fake cloud: the k8s driver builds each extra nodegroup as its own Heat stack.

let cloud: E2eCloud
let clusterId = ''
beforeAll(async () => {
  if (!built) return
  cloud = await startCloud()
  const template = await cloud.run(['cluster', 'template', 'create', 'k8s', ...k8sTemplateOptions])
  expect(template.code, template.stderr).toBe(0)
  const created = await cloud.run([
    'cluster',
    'create',
    'k8s-ng',
    '--cluster-template',
    'k8s',
    '--wait',
    '-f',
    'json',
  ])
  expect(created.code, created.stderr).toBe(0)
  clusterId = jsonAfterProgress<{ uuid: string }>(created).uuid
})
afterAll(async () => {
  await cloud?.stop()
})

interface WireNodeGroup {
  uuid: string
  name: string
  cluster_id: string
  role: string
  node_count: number
  min_node_count: number
  max_node_count?: number
  labels: Record<string, string>
  is_default: boolean
  stack_id: string
  status: string
}

describe.skipIf(!built)('cluster nodegroup commands as processes', () => {
  it('list shows the two default nodegroups with magnumclient’s columns; --role filters', async () => {
    const list = json<Record<string, unknown>[]>(
      await cloud.run(['cluster', 'nodegroup', 'list', 'k8s-ng', '-f', 'json']),
    )
    expect(list.map((row) => Object.keys(row))).toEqual([
      ['uuid', 'name', 'flavor_id', 'image_id', 'node_count', 'status', 'role'],
      ['uuid', 'name', 'flavor_id', 'image_id', 'node_count', 'status', 'role'],
    ])
    expect(list.map((r) => [r.name, r.role, r.node_count, r.status, r.flavor_id]).sort()).toEqual([
      ['default-master', 'master', 1, 'CREATE_COMPLETE', 'm1.small'],
      ['default-worker', 'worker', 1, 'CREATE_COMPLETE', 'm1.small'],
    ])
    const masters = await cloud.run([
      'cluster',
      'nodegroup',
      'list',
      'k8s-ng',
      '--role',
      'master',
      '-f',
      'value',
      '-c',
      'name',
    ])
    expect(masters.stdout).toBe('default-master\n')
  })

  it('show prints Magnum’s wire names', async () => {
    const shown = json<WireNodeGroup>(
      await cloud.run(['cluster', 'nodegroup', 'show', 'k8s-ng', 'default-worker', '-f', 'json']),
    )
    expect(shown).toMatchObject({
      name: 'default-worker',
      cluster_id: clusterId,
      is_default: true,
      min_node_count: 1,
    })
    expect(Object.keys(shown)).toEqual(
      expect.arrayContaining(['uuid', 'project_id', 'node_addresses', 'stack_id']),
    )
    expect(Object.keys(shown).every((k) => /^[a-z_]+$/.test(k))).toBe(true)
  })

  it('create --wait builds the nodegroup in its own stack and prints it', async () => {
    const created = await cloud.run([
      'cluster',
      'nodegroup',
      'create',
      'k8s-ng',
      'infra',
      '--node-count',
      '1',
      '--min-nodes',
      '1',
      '--max-nodes',
      '3',
      '--role',
      'infra',
      '--labels',
      'team=platform',
      '--merge-labels',
      '--wait',
      '-f',
      'json',
    ])
    expect(created.code, created.stderr).toBe(0)
    expect(created.stdout).toMatch(/^Request to create nodegroup [0-9a-f-]{36} accepted\n/)
    expect(created.stdout).toMatch(/\] infra: CREATE_IN_PROGRESS/)
    expect(created.stdout).toMatch(/\] CREATE_COMPLETE\n\{/)
    const group = jsonAfterProgress<WireNodeGroup>(created)
    expect(group).toMatchObject({
      name: 'infra',
      role: 'infra',
      node_count: 1,
      min_node_count: 1,
      max_node_count: 3,
      is_default: false,
      status: 'CREATE_COMPLETE',
      labels: { team: 'platform' },
    })
    const cluster = json<{ stack_id: string }>(await cloud.run(['cluster', 'show', 'k8s-ng', '-f', 'json']))
    expect(group.stack_id).toMatch(/^[0-9a-f-]{36}$/)
    expect(group.stack_id).not.toBe(cluster.stack_id)
  })

  it('list sorts and limits like magnumclient’s --sort-key/--sort-dir/--limit', async () => {
    const sorted = await cloud.run([
      'cluster',
      'nodegroup',
      'list',
      'k8s-ng',
      '--sort-key',
      'name',
      '--sort-dir',
      'desc',
      '--limit',
      '2',
      '-f',
      'value',
      '-c',
      'name',
    ])
    expect(sorted.stdout).toBe('infra\ndefault-worker\n')
    const bad = await cloud.run(['cluster', 'nodegroup', 'list', 'k8s-ng', '--sort-key', 'colour'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^magnum-ts: --sort-key must be one of uuid, name, cluster_id, /)
  })

  it('update changes the bounds with JSON Patch operations; remove clears max_node_count', async () => {
    const replaced = await cloud.run([
      'cluster',
      'nodegroup',
      'update',
      'k8s-ng',
      'infra',
      'replace',
      'max_node_count=5',
      '-f',
      'json',
    ])
    expect(replaced.code, replaced.stderr).toBe(0)
    expect(json(replaced)).toMatchObject({ name: 'infra', max_node_count: 5 })
    const removed = json<WireNodeGroup>(
      await cloud.run([
        'cluster',
        'nodegroup',
        'update',
        'k8s-ng',
        'infra',
        'remove',
        'max_node_count',
        '-f',
        'json',
      ]),
    )
    expect(removed.max_node_count).toBeUndefined()
    const shown = json<WireNodeGroup>(
      await cloud.run(['cluster', 'nodegroup', 'show', 'k8s-ng', 'infra', '-f', 'json']),
    )
    expect(shown.max_node_count).toBeUndefined()
  })

  it('update refuses other paths (exit 2, naming the command to use) and bounds that exclude the node count (exit 1)', async () => {
    const updateInfra = (...args: string[]) =>
      cloud.run(['cluster', 'nodegroup', 'update', 'k8s-ng', 'infra', ...args])
    const count = await updateInfra('replace', 'node_count=2')
    expect(count.code).toBe(2)
    expect(count.stderr).toContain(
      '/node_count cannot be changed: use magnum-ts cluster resize CLUSTER NODE_COUNT --nodegroup NODEGROUP',
    )
    const unknown = await updateInfra('replace', 'flavor_id=m1.large')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain(
      'unknown nodegroup path "/flavor_id": use one of min_node_count, max_node_count',
    )
    const bounds = await updateInfra('replace', 'min_node_count=4')
    expect(bounds.code).toBe(1)
    expect(bounds.stderr).toMatch(/^magnum-ts: node_count 1 would fall outside \[4, unbounded\].*Fix: /)
  })

  it('refusals: a master nodegroup, deleting a default nodegroup, an unknown nodegroup', async () => {
    const master = await cloud.run(['cluster', 'nodegroup', 'create', 'k8s-ng', 'm2', '--role', 'master'])
    expect(master.code).toBe(2)
    expect(master.stderr).toMatch(
      /Creating master nodegroups is currently not supported.*Fix: use role "worker"/,
    )
    const defaultGroup = await cloud.run(['cluster', 'nodegroup', 'delete', 'k8s-ng', 'default-worker'])
    expect(defaultGroup.code).toBe(2)
    expect(defaultGroup.stderr).toMatch(
      /Deleting a default nodegroup \(default-worker\) is not supported.*Fix: /,
    )
    const missing = await cloud.run(['cluster', 'nodegroup', 'show', 'k8s-ng', 'nope'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(
      /^magnum-ts: No nodegroup with id or name "nope"\. Fix: list the nodegroups .*\n$/,
    )
    const usage = await cloud.run(['cluster', 'nodegroup', 'create', 'k8s-ng'])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('cluster nodegroup create needs CLUSTER and NAME')
  })

  it('delete --wait removes the nodegroup and its stack', async () => {
    const deleted = await cloud.run(['cluster', 'nodegroup', 'delete', 'k8s-ng', 'infra', '--wait'])
    expect(deleted.code, deleted.stderr).toBe(0)
    expect(deleted.stdout).toMatch(/^Request to delete nodegroup infra has been accepted\.\n/)
    expect(deleted.stdout).toMatch(/\] DELETE_COMPLETE\n$/)
    const names = await cloud.run(['cluster', 'nodegroup', 'list', 'k8s-ng', '-f', 'value', '-c', 'name'])
    expect(names.stdout.trim().split('\n').sort()).toEqual(['default-master', 'default-worker'])
  })
})
