import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CliOnFakeCloud, cliOnFakeCloud, K8S_TEMPLATE } from './fake-cloud-env.js'

// `magnum-ts cluster nodegroup …` in-process on the fake cloud (instant Heat): what each option
// becomes on the nodegroup, and the usage errors. The process-level suite is test/e2e/.

let cli: CliOnFakeCloud
beforeAll(async () => {
  cli = await cliOnFakeCloud(0)
  expect((await cli.run(['cluster', 'template', 'create', 'k8s', ...K8S_TEMPLATE])).code).toBe(0)
  const created = await cli.run([
    'cluster',
    'create',
    'c',
    '--cluster-template',
    'k8s',
    '--labels',
    'a=1',
    '--wait',
  ])
  expect(created.code, created.stderr).toBe(0)
})
afterAll(() => cli.close())

const json = (stdout: string) => JSON.parse(stdout.slice(stdout.search(/^\{/m))) as Record<string, unknown>
const ng = (...args: string[]) => cli.run(['cluster', 'nodegroup', ...args])

describe('magnum-ts cluster nodegroup', () => {
  it('create maps every option onto the nodegroup; --merge-labels keeps the cluster’s labels', async () => {
    const merged = await ng(
      'create',
      'c',
      'gpu',
      ...['--node-count', '2', '--min-nodes', '1', '--max-nodes', '4', '--role', 'gpu'],
      ...[
        '--flavor',
        'm1.small',
        '--docker-volume-size',
        '7',
        '--labels',
        'b=2,c=3',
        '--merge-labels',
        '--wait',
      ],
      ...['-f', 'json'],
    )
    expect(merged.code, merged.stderr).toBe(0)
    expect(json(merged.stdout)).toMatchObject({
      name: 'gpu',
      node_count: 2,
      min_node_count: 1,
      max_node_count: 4,
      role: 'gpu',
      flavor_id: 'm1.small',
      docker_volume_size: 7,
      labels: { a: '1', b: '2', c: '3' },
      status: 'CREATE_COMPLETE',
    })
    const replaced = await ng('create', 'c', 'other', '--labels', 'b=2', '--wait', '-f', 'json')
    expect(json(replaced.stdout).labels).toEqual({ b: '2' })
  })

  it('create without --wait returns after the request, the nodegroup still CREATE_IN_PROGRESS', async () => {
    const created = await ng('create', 'c', 'later')
    expect(created.code, created.stderr).toBe(0)
    expect(created.stdout).toMatch(/^Request to create nodegroup [0-9a-f-]{36} accepted\n$/)
    expect((await ng('show', 'c', 'later', '-f', 'value', '-c', 'status')).stdout).toBe(
      'CREATE_IN_PROGRESS\n',
    )
  })

  it('list --sort-key/--sort-dir/--limit equal sorting and slicing the full list', async () => {
    const all = (await ng('list', 'c', '-f', 'value', '-c', 'name')).stdout.trim().split('\n')
    expect(all).toHaveLength(5)
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.constantFrom('asc', 'desc'), async (limit, dir) => {
        const listed = await ng(
          'list',
          'c',
          '--sort-key',
          'name',
          '--sort-dir',
          dir,
          '--limit',
          String(limit),
          '-f',
          'json',
        )
        const sorted = [...all].sort((x, y) => x.localeCompare(y))
        if (dir === 'desc') sorted.reverse()
        expect((JSON.parse(listed.stdout) as { name: string }[]).map((r) => r.name)).toEqual(
          sorted.slice(0, limit),
        )
      }),
      { numRuns: 12 },
    )
  })

  it('update: replace sets a bound, null or remove clears max_node_count, remove resets min_node_count to 1', async () => {
    expect(
      json(
        (await ng('update', 'c', 'gpu', 'replace', 'max_node_count=6', 'min_node_count=2', '-f', 'json'))
          .stdout,
      ),
    ).toMatchObject({
      min_node_count: 2,
      max_node_count: 6,
    })
    const cleared = json(
      (await ng('update', 'c', 'gpu', 'replace', 'max_node_count=null', '-f', 'json')).stdout,
    )
    expect(cleared.max_node_count).toBeUndefined()
    expect(
      json((await ng('update', 'c', 'gpu', 'add', 'max_node_count=3', '-f', 'json')).stdout).max_node_count,
    ).toBe(3)
    const reset = json(
      (await ng('update', 'c', 'gpu', 'remove', 'min_node_count', 'max_node_count', '-f', 'json')).stdout,
    )
    expect(reset.min_node_count).toBe(1)
    expect(reset.max_node_count).toBeUndefined()
  })

  it('usage errors exit 2 naming the option or path and the fix', async () => {
    const cases: [string[], string][] = [
      [['create', 'c', 'x', '--max-nodes', 'many'], '--max-nodes must be a whole number ≥ 0 (got "many")'],
      [['create', 'c', 'x', '--labels', '=v'], '--labels: "=v" is not key=value'],
      [['list', 'c', '--sort-dir', 'up'], '--sort-dir must be asc or desc (got "up")'],
      [['list', 'c', '--limit', '0'], '--limit must be a whole number ≥ 1 (got "0")'],
      [
        ['update', 'c', 'gpu', 'frob', 'max_node_count=1'],
        'unknown operation "frob": use add, replace or remove',
      ],
      [['update', 'c', 'gpu', 'replace', 'max_node_count=lots'], '/max_node_count must be a whole number'],
      [
        ['update', 'c', 'gpu'],
        'cluster nodegroup update needs CLUSTER, NODEGROUP, an operation and PATH=VALUE',
      ],
      [['delete', 'c'], 'cluster nodegroup delete needs CLUSTER and at least one NODEGROUP'],
    ]
    for (const [args, message] of cases) {
      const result = await ng(...args)
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr).toContain(message)
    }
  })

  it('delete --wait removes each nodegroup named', async () => {
    const deleted = await ng('delete', 'c', 'gpu', 'other', '--wait')
    expect(deleted.code, deleted.stderr).toBe(0)
    expect(deleted.stdout.match(/\] DELETE_COMPLETE\n/g)).toHaveLength(2)
    const names = (await ng('list', 'c', '-f', 'value', '-c', 'name')).stdout.trim().split('\n').sort()
    expect(names).toEqual(['default-master', 'default-worker', 'later'])
  })
})
