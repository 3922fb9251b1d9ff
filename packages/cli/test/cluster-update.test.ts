import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CliOnFakeCloud, cliOnFakeCloud, K8S_TEMPLATE } from './fake-cloud-env.js'

let cli: CliOnFakeCloud
beforeAll(async () => {
  cli = await cliOnFakeCloud(0)
})
afterAll(() => cli.close())

const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>

describe('magnum-ts cluster template update', () => {
  it('add/replace/remove PATH=VALUE change the template as openstack coe cluster template update does', async () => {
    expect(
      (await cli.run(['cluster', 'template', 'create', 'tpl', ...K8S_TEMPLATE, '--labels', 'a=1'])).code,
    ).toBe(0)
    const replaced = await cli.run([
      'cluster',
      'template',
      'update',
      'tpl',
      'replace',
      'master_lb_enabled=true',
      'docker_volume_size=20',
      'labels/a=2',
      '-f',
      'json',
    ])
    expect(replaced.stderr).toBe('')
    expect(replaced.code).toBe(0)
    expect(json(replaced.stdout)).toMatchObject({
      master_lb_enabled: true,
      docker_volume_size: 20,
      labels: { a: '2' },
    })
    // replace needs the label to exist (JSON Patch); add creates it.
    const missing = await cli.run([
      'cluster',
      'template',
      'update',
      'tpl',
      'replace',
      'labels/kube_tag=v1.30.0',
    ])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('there is no label "kube_tag" (use add labels/kube_tag=VALUE)')
    const added = await cli.run([
      'cluster',
      'template',
      'update',
      'tpl',
      'add',
      'labels/kube_tag=v1.30.0',
      '-f',
      'json',
    ])
    expect(json(added.stdout).labels).toEqual({ a: '2', kube_tag: 'v1.30.0' })
    const removed = await cli.run([
      'cluster',
      'template',
      'update',
      'tpl',
      'remove',
      'labels/a',
      'master_lb_enabled',
      '-f',
      'json',
    ])
    expect(json(removed.stdout)).toMatchObject({ master_lb_enabled: false, labels: { kube_tag: 'v1.30.0' } })
    const shown = await cli.run(['cluster', 'template', 'show', 'tpl', '-f', 'json'])
    expect(json(shown.stdout).labels).toEqual({ kube_tag: 'v1.30.0' })
  })

  it('an unknown path or a wrong type exits 2 with one line naming the path and the fix, before any cloud call', async () => {
    const unknown = await cli.run(['cluster', 'template', 'update', 'nowhere', 'replace', 'flavour=m1.small'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr.split('\n')[0]).toMatch(
      /unknown cluster template path "\/flavour": use one of .*flavor_id/,
    )
    const wrong = await cli.run([
      'cluster',
      'template',
      'update',
      'nowhere',
      'replace',
      'docker_volume_size=big',
    ])
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain(
      '/docker_volume_size must be a whole number (got "big"): for example docker_volume_size=3',
    )
    const op = await cli.run(['cluster', 'template', 'update', 'tpl', 'set', 'name=x'])
    expect(op.code).toBe(2)
    expect(op.stderr).toContain('unknown operation "set"')
  })
})

describe('magnum-ts cluster create/update/resize --dry-run and cluster update', () => {
  it('create --dry-run -f json prints exactly the Heat request and creates nothing', async () => {
    await cli.run(['cluster', 'template', 'create', 'k8s', ...K8S_TEMPLATE])
    const dry = await cli.run([
      'cluster',
      'create',
      'dry',
      '--cluster-template',
      'k8s',
      '--node-count',
      '2',
      '--dry-run',
      '-f',
      'json',
    ])
    expect(dry.stderr).toBe('')
    expect(dry.code).toBe(0)
    const preview = json(dry.stdout)
    expect(Object.keys(preview)).toEqual(['template', 'files', 'environment_files', 'parameters'])
    expect(preview.files).toContain(preview.template)
    expect(
      (preview.environment_files as string[]).every((f) => (preview.files as string[]).includes(f)),
    ).toBe(true)
    expect(preview.parameters).toMatchObject({ number_of_minions: 2, is_cluster_stack: true })
    expect(JSON.stringify(preview.parameters)).toContain('<created at create time>')
    expect(json((await cli.run(['cluster', 'list', '-f', 'json'])).stdout)).toEqual([])
    expect(cli.cloud.state.orchestration.stacks.size).toBe(0)
    expect(cli.cloud.orphans()).toEqual({})

    expect(dry.stderr).toBe('')
    // Without a trustee cloud the preview still works, and says what the real create will need.
    const table = await cli.run(['cluster', 'create', 'dry', '--cluster-template', 'k8s', '--dry-run'], {
      env: { MAGNUM_TS_TRUSTEE_CLOUD: '' },
    })
    expect(table.code).toBe(0)
    expect(table.stderr).toBe(
      'magnum-ts: note: the real create also needs --trustee-cloud (or MAGNUM_TS_TRUSTEE_CLOUD)\n',
    )
    expect(table.stdout).toMatch(/\| template +\| kubecluster\.yaml/)
    expect(table.stdout).toMatch(/\| parameters +\| .*=/)
    expect(table.stdout).toMatch(/number_of_minions=1/)
  })

  it('cluster update replace node_count: --dry-run shows the PATCH parameters; the real one scales', async () => {
    expect((await cli.run(['cluster', 'create', 'live', '--cluster-template', 'k8s', '--wait'])).code).toBe(0)
    const dry = await cli.run([
      'cluster',
      'update',
      'live',
      'replace',
      'node_count=3',
      '--dry-run',
      '-f',
      'json',
    ])
    expect(dry.code).toBe(0)
    expect(json(dry.stdout)).toMatchObject({
      template: '<existing stack template (PATCH existing=true)>',
      files: [],
      environment_files: [],
      parameters: { number_of_minions: 3 },
    })
    expect(json((await cli.run(['cluster', 'show', 'live', '-f', 'json'])).stdout)).toMatchObject({
      node_count: 1,
      status: 'CREATE_COMPLETE',
    })

    const resize = await cli.run(['cluster', 'resize', 'live', '2', '--dry-run', '-f', 'json'])
    expect(json(resize.stdout).parameters).toMatchObject({ number_of_minions: 2 })

    const real = await cli.run([
      'cluster',
      'update',
      'live',
      'replace',
      'node_count=2',
      '--wait',
      '-f',
      'json',
    ])
    expect(real.stderr).toBe('')
    expect(real.code).toBe(0)
    expect(real.stdout).toMatch(/Request to update cluster [0-9a-f-]{36} has been accepted\./)
    expect(real.stdout).toContain('UPDATE_COMPLETE')
    expect(json((await cli.run(['cluster', 'show', 'live', '-f', 'json'])).stdout)).toMatchObject({
      node_count: 2,
    })
  })

  it('cluster update of any field but node_count exits 2 naming the field (Magnum’s 400)', async () => {
    const name = await cli.run(['cluster', 'update', 'live', 'replace', 'name=renamed'])
    expect(name.code).toBe(2)
    expect(name.stderr).toContain('cannot change cluster property(ies) name (field "name")')
    const labels = await cli.run(['cluster', 'update', 'live', 'add', 'labels/x=1'])
    expect(labels.code).toBe(2)
    expect(labels.stderr).toContain('(field "labels")')
    const unset = await cli.run(['cluster', 'update', 'live', 'replace', 'node_count=null'])
    expect(unset.code).toBe(2)
    expect(unset.stderr).toContain('(field "node_count")')
    const unknown = await cli.run(['cluster', 'update', 'live', 'replace', 'nodecount=3'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/unknown cluster path "\/nodecount": use one of .*node_count/)
  })

  it('a template in use can be renamed but not otherwise changed (Magnum’s rule)', async () => {
    const network = await cli.run([
      'cluster',
      'template',
      'update',
      'k8s',
      'replace',
      'network_driver=calico',
    ])
    expect(network.code).toBe(2)
    expect(network.stderr).toMatch(/network_driver/)
    const rename = await cli.run([
      'cluster',
      'template',
      'update',
      'k8s',
      'replace',
      'name=k8s-renamed',
      '-f',
      'json',
    ])
    expect(rename.code).toBe(0)
    expect(json(rename.stdout).name).toBe('k8s-renamed')
  })
})
