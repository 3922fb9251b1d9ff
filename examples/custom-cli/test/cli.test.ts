/**
 * acme-k8s end to end, in-process, against the fake OpenStack served on 127.0.0.1: its mini
 * Heat builds the Kubernetes stack, and delete leaves nothing behind in the cloud.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFakeCloud, type FakeCloud, type ListeningCloud } from '@magnum-ts/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../src/cli.js'

let cloud: FakeCloud
let listening: ListeningCloud
let dir: string
let env: Record<string, string>

beforeAll(async () => {
  cloud = createFakeCloud({ heat: { resourceSeconds: 0 } })
  listening = await cloud.listen({ port: 0, host: '127.0.0.1' })
  dir = mkdtempSync(join(tmpdir(), 'acme-k8s-'))
  const authUrl = `${listening.url}/identity/v3`
  const clouds = {
    acme: {
      auth: {
        auth_url: authUrl,
        username: 'demo',
        password: 'secret',
        project_name: 'demo',
        user_domain_name: 'Default',
        project_domain_name: 'Default',
      },
    },
    // Magnum's trustee domain admin: a domain-scoped user of the `magnum` domain.
    'acme-trustee': {
      auth: {
        auth_url: authUrl,
        username: 'magnum_domain_admin',
        password: 'secret',
        user_domain_name: 'magnum',
        domain_name: 'magnum',
      },
    },
  }
  // JSON is YAML: no YAML library needed to write clouds.yaml.
  writeFileSync(join(dir, 'clouds.yaml'), JSON.stringify({ clouds }), { mode: 0o600 })
  env = {
    OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml'),
    ACME_STORE: `sqlite:${join(dir, 'acme.sqlite')}`,
    ACME_WAIT_MS: '20',
  }
})

afterAll(async () => {
  await listening?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

async function run(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await main(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env })
  return { code, stdout: out.join(''), stderr: err.join('') }
}

describe('acme-k8s', () => {
  it('creates a large cluster, lists it, deletes it, and leaves no orphans', async () => {
    const created = await run('create', 'team-a', '--size', 'large')
    expect(created.stderr).toBe('')
    expect(created.code).toBe(0)
    expect(created.stdout).toMatch(/team-a is ready: https:\/\/[\d.]+:6443/)
    // The large size's three workers exist as real (fake) Nova servers, plus the master.
    const servers = [...cloud.state.compute.servers.values()].filter((s) => s.name.includes('team-a'))
    expect(servers).toHaveLength(4)

    const listed = await run('list')
    expect(listed.code).toBe(0)
    expect(listed.stdout).toMatch(/^team-a\tCREATE_COMPLETE\t3 nodes\thttps:\/\//m)

    const deleted = await run('delete', 'team-a')
    expect(deleted).toMatchObject({ code: 0, stdout: 'team-a deleted\n' })
    expect((await run('list')).stdout).toBe('')
    cloud.assertNoOrphans()
  })

  it('answers bad usage with exit code 2 before touching the cloud', async () => {
    expect(await run('create', 'x', '--size', 'huge')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--size must be small or large'),
    })
    expect(await run('delete')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('delete needs a NAME'),
    })
    expect(await run('explode')).toMatchObject({ code: 2 })
    expect(await run('list', '--colour')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--colour'),
    })
  })

  it('prints core’s typed error and exits 1 for a cluster that does not exist', async () => {
    const result = await run('delete', 'nobody')
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('nobody')
  })
})
