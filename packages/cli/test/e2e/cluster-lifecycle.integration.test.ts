import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import {
  built,
  type E2eCloud,
  ESCAPE,
  json,
  jsonAfterProgress,
  k8sTemplateOptions,
  startCloud,
} from './support.js'

// One Kubernetes cluster on the fake cloud, driven through every cluster, certificate, quota and
// catalog command as real processes, from template create to delete: stdout and exit codes.

let cloud: E2eCloud
beforeAll(async () => {
  if (built) cloud = await startCloud()
})
afterAll(async () => {
  await cloud?.stop()
})

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe.skipIf(!built)('cluster lifecycle as processes', () => {
  let clusterId = ''

  it('cluster template create / list / show in every output format', async () => {
    const created = await cloud.run([
      'cluster',
      'template',
      'create',
      'k8s',
      ...k8sTemplateOptions,
      '-f',
      'json',
    ])
    expect(created.code).toBe(0)
    expect(json(created)).toMatchObject({
      name: 'k8s',
      coe: 'kubernetes',
      cluster_distro: 'fedora-atomic',
      network_driver: 'flannel',
      image_id: 'fedora-atomic-latest',
    })

    const list = await cloud.run(['cluster', 'template', 'list', '-f', 'json'])
    expect(json(list)).toEqual([
      { uuid: expect.stringMatching(UUID), name: 'k8s', coe: 'kubernetes', public: false },
    ])
    const yaml = await cloud.run(['cluster', 'template', 'list', '-f', 'yaml'])
    expect(parseYaml(yaml.stdout)).toEqual(json(list))
    expect(
      (await cloud.run(['cluster', 'template', 'list', '-f', 'value', '-c', 'name', '-c', 'coe'])).stdout,
    ).toBe('k8s kubernetes\n')
    const table = await cloud.run(['cluster', 'template', 'list'])
    expect(table.stdout).toMatch(/^\+-+\+/)
    expect(table.stdout).toMatch(/\| uuid +\| name +\| coe +\| public +\|/)
    expect(table.stdout).toMatch(/\| k8s +\| kubernetes +\| false +\|/)

    const shown = await cloud.run(['cluster', 'template', 'show', 'k8s', '-f', 'json'])
    expect(json<{ uuid: string }>(shown).uuid).toBe((json(list) as { uuid: string }[])[0]!.uuid)
  })

  it('cluster create --wait with stdout not a TTY: plain status lines, no escape codes, then the cluster', async () => {
    const created = await cloud.run([
      'cluster',
      'create',
      'k8s-e2e',
      '--cluster-template',
      'k8s',
      '--wait',
      '-f',
      'json',
    ])
    expect(created.code).toBe(0)
    expect(created.stderr).toBe('')
    expect(created.stdout).not.toMatch(ESCAPE)
    expect(created.stdout).not.toContain('\r')
    const lines = created.stdout.split('\n')
    expect(lines[0]).toMatch(/^Request to create cluster [0-9a-f-]{36} accepted$/)
    expect(lines).toContainEqual(expect.stringMatching(/^\[ *\d+s\] k8s-e2e: CREATE_IN_PROGRESS$/))
    expect(lines).toContainEqual(expect.stringMatching(/^\[ *\d+s\] CREATE_COMPLETE$/))
    const cluster = jsonAfterProgress<{ uuid: string; status: string; api_address: string }>(created)
    expect(cluster).toMatchObject({
      name: 'k8s-e2e',
      status: 'CREATE_COMPLETE',
      node_count: 1,
      master_count: 1,
    })
    expect(cluster.api_address).toMatch(/^https:\/\/[\d.]+:6443$/)
    clusterId = cluster.uuid
  })

  it('cluster list and show', async () => {
    const list = await cloud.run(['cluster', 'list', '-f', 'json'])
    expect(json(list)).toEqual([
      {
        uuid: clusterId,
        name: 'k8s-e2e',
        keypair: 'default',
        node_count: 1,
        master_count: 1,
        status: 'CREATE_COMPLETE',
        health_status: expect.any(String),
      },
    ])
    const value = await cloud.run(['cluster', 'show', 'k8s-e2e', '-f', 'value', '-c', 'status', '-c', 'uuid'])
    expect(value.stdout).toBe(`CREATE_COMPLETE\n${clusterId}\n`)
  })

  it('cluster config writes a kubeconfig and prints the export line', async () => {
    const dir = join(cloud.dir, 'kube')
    const config = await cloud.run(['cluster', 'config', 'k8s-e2e', '--dir', dir])
    expect(config.code).toBe(0)
    expect(config.stdout).toBe(`export KUBECONFIG=${join(dir, 'config')}\n`)
    const kubeconfig = parseYaml(readFileSync(join(dir, 'config'), 'utf8')) as {
      clusters: { cluster: { server: string } }[]
    }
    expect(kubeconfig.clusters[0]!.cluster.server).toMatch(/^https:\/\/[\d.]+:6443$/)
    const again = await cloud.run(['cluster', 'config', 'k8s-e2e', '--dir', dir])
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/--force/)
  })

  it('ca show prints the cluster CA; ca sign signs a CSR that openssl verifies against it', async () => {
    const ca = await cloud.run(['ca', 'show', 'k8s-e2e'])
    expect(ca.code).toBe(0)
    expect(ca.stdout).toMatch(/^-----BEGIN CERTIFICATE-----\r?\n/)
    const caFile = join(cloud.dir, 'ca.pem')
    writeFileSync(caFile, ca.stdout)
    const key = join(cloud.dir, 'client.key')
    const csr = join(cloud.dir, 'client.csr')
    execFileSync(
      'openssl',
      ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', '/CN=e2e-admin'],
      {
        stdio: 'ignore',
      },
    )
    const signed = await cloud.run(['ca', 'sign', 'k8s-e2e', csr])
    expect(signed.code).toBe(0)
    const certFile = join(cloud.dir, 'client.pem')
    writeFileSync(certFile, signed.stdout)
    expect(execFileSync('openssl', ['verify', '-CAfile', caFile, certFile], { encoding: 'utf8' })).toContain(
      ': OK',
    )
    const subject = execFileSync('openssl', ['x509', '-in', certFile, '-noout', '-subject'], {
      encoding: 'utf8',
    })
    expect(subject).toContain('e2e-admin')

    const asJson = await cloud.run(['ca', 'show', 'k8s-e2e', '-f', 'json'])
    expect(json(asJson)).toMatchObject({
      cluster_uuid: clusterId,
      pem: expect.stringContaining('BEGIN CERTIFICATE'),
    })
  })

  it('ca rotate on a driver without rotation: exit 2 naming the fix', async () => {
    const rotated = await cloud.run(['ca', 'rotate', 'k8s-e2e'])
    expect(rotated.code).toBe(2)
    expect(rotated.stderr).toMatch(
      /^magnum-ts: Rotating the CA certificate is not supported by driver k8s_fedora_atomic_v1.*Fix: /,
    )
    expect(rotated.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('cluster resize --wait grows the default worker nodegroup', async () => {
    const resized = await cloud.run(['cluster', 'resize', 'k8s-e2e', '2', '--wait'])
    expect(resized.code).toBe(0)
    expect(resized.stdout).toContain(`Request to resize cluster ${clusterId} to 2 nodes accepted`)
    expect(resized.stdout).toMatch(/\] UPDATE_COMPLETE\n$/)
    const shown = json<{ node_count: number; node_addresses: string[] }>(
      await cloud.run(['cluster', 'show', 'k8s-e2e', '-f', 'json']),
    )
    expect(shown.node_count).toBe(2)
    expect(shown.node_addresses).toHaveLength(2)
  })

  it('cluster upgrade --wait moves the cluster onto another template', async () => {
    const next = await cloud.run([
      'cluster',
      'template',
      'create',
      'k8s-next',
      ...k8sTemplateOptions,
      '--labels',
      'kube_tag=v1.16.0',
      '-f',
      'value',
      '-c',
      'uuid',
    ])
    expect(next.code).toBe(0)
    // Both workers in one batch: Heat's rolling update pauses 30 s between batches.
    const upgraded = await cloud.run([
      'cluster',
      'upgrade',
      'k8s-e2e',
      'k8s-next',
      '--max-batch-size',
      '2',
      '--wait',
    ])
    expect(upgraded.code).toBe(0)
    expect(upgraded.stdout).toContain(`Request to upgrade cluster ${clusterId} accepted`)
    const shown = await cloud.run([
      'cluster',
      'show',
      'k8s-e2e',
      '-f',
      'value',
      '-c',
      'cluster_template_id',
      '-c',
      'status',
    ])
    expect(shown.stdout).toBe(`${next.stdout.trim()}\nUPDATE_COMPLETE\n`)
  })

  it('stats counts the cluster and every node, masters included', async () => {
    const stats = await cloud.run(['stats', '-f', 'json'])
    expect(json(stats)).toEqual({ clusters: 1, nodes: 3 })
  })

  it('quota create / list / show / update / delete as admin; a member is refused (exit 1)', async () => {
    const project = 'e2e-project'
    const denied = await cloud.run(['quota', 'create', '--project-id', project, '--hard-limit', '3'])
    expect(denied.code).toBe(1)
    expect(denied.stderr).toMatch(/^magnum-ts: .*quota:create/)
    const admin = { user: 'admin' as const }
    const created = await cloud.run(
      ['quota', 'create', '--project-id', project, '--hard-limit', '3', '-f', 'json'],
      admin,
    )
    expect(created.code).toBe(0)
    expect(json(created)).toMatchObject({ project_id: project, resource: 'Cluster', hard_limit: 3 })
    const updated = await cloud.run(
      ['quota', 'update', '--project-id', project, '--hard-limit', '5', '-f', 'json'],
      admin,
    )
    expect(json(updated)).toMatchObject({ hard_limit: 5 })
    expect(
      json(await cloud.run(['quota', 'show', '--project-id', project, '-f', 'json'], admin)),
    ).toMatchObject({
      hard_limit: 5,
    })
    const listed = json<{ project_id: string }[]>(await cloud.run(['quota', 'list', '-f', 'json'], admin))
    expect(listed.map((q) => q.project_id)).toContain(project)
    const deleted = await cloud.run(['quota', 'delete', '--project-id', project], admin)
    expect(deleted.code).toBe(0)
    // Without its row the project falls back to the default of 20 clusters.
    expect(
      json(await cloud.run(['quota', 'show', '--project-id', project, '-f', 'json'], admin)),
    ).toMatchObject({
      hard_limit: 20,
    })
  })

  it('token issue, catalog list and doctor talk to the same cloud', async () => {
    const token = json<{ project_id: string; user_id: string; expires: string }>(
      await cloud.run(['token', 'issue', '-f', 'json']),
    )
    expect(Object.keys(token).sort()).toEqual(['expires', 'id', 'project_id', 'user_id'])
    const catalog = json<{ Type: string; Endpoints: string }[]>(
      await cloud.run(['catalog', 'list', '-f', 'json']),
    )
    expect(catalog.find((s) => s.Type === 'orchestration')!.Endpoints).toContain(
      `${cloud.origin}/heat-api/v1/${token.project_id}`,
    )
    // The fake serves on 127.0.0.1, which cluster VMs could not reach: doctor says so and exits 1.
    const doctor = await cloud.run(['doctor'])
    expect(doctor.code).toBe(1)
    expect(doctor.stdout).toContain('✓ auth: authenticated as demo')
    expect(doctor.stdout).toMatch(/✗ endpoint-host:identity: .*loopback address/)
    expect(doctor.stdout).toMatch(/ {4}fix: re-register the public endpoint/)
  })

  it('cluster delete --wait and cluster template delete leave nothing behind', async () => {
    const deleted = await cloud.run(['cluster', 'delete', 'k8s-e2e', '--wait'])
    expect(deleted.code).toBe(0)
    expect(deleted.stdout).toMatch(/^Request to delete cluster k8s-e2e has been accepted\.\n/)
    expect(deleted.stdout).toMatch(/\] DELETE_COMPLETE\n$/)
    expect(json(await cloud.run(['cluster', 'list', '-f', 'json']))).toEqual([])
    const templates = await cloud.run(['cluster', 'template', 'delete', 'k8s', 'k8s-next'])
    expect(templates.code).toBe(0)
    expect(json(await cloud.run(['cluster', 'template', 'list', '-f', 'json']))).toEqual([])
  })
})
