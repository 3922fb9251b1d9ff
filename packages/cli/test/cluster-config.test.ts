import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { type CliOnFakeCloud, cliOnFakeCloud, K8S_TEMPLATE } from './fake-cloud-env.js'

let cli: CliOnFakeCloud
beforeAll(async () => {
  cli = await cliOnFakeCloud(0)
  expect((await cli.run(['cluster', 'template', 'create', 'k8s', ...K8S_TEMPLATE])).code).toBe(0)
  const created = await cli.run(['cluster', 'create', 'web', '--cluster-template', 'k8s', '--wait'])
  expect(created.stderr).toBe('')
  expect(created.code).toBe(0)
})
afterAll(() => cli.close())

interface Kubeconfig {
  users: { name: string; user: Record<string, unknown> }[]
  contexts: { name: string; context: { user: string } }[]
  'current-context': string
}

describe('magnum-ts cluster config', () => {
  it('--use-keystone writes a kubeconfig whose user runs client-keystone-auth, with no client key', async () => {
    const dir = join(cli.dir, 'keystone')
    const result = await cli.run(['cluster', 'config', 'web', '--dir', dir, '--use-keystone'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(`export KUBECONFIG=${join(dir, 'config')}\n`)
    const kubeconfig = parse(readFileSync(join(dir, 'config'), 'utf8')) as Kubeconfig
    const current = kubeconfig.contexts.find((c) => c.name === kubeconfig['current-context'])
    const user = kubeconfig.users.find((u) => u.name === current?.context.user)?.user
    expect(user?.exec).toMatchObject({ command: 'client-keystone-auth' })
    expect(user).not.toHaveProperty('client-key-data')
  })

  it('--output-certs also writes ca.pem, cert.pem and key.pem, readable by the owner only', async () => {
    const dir = join(cli.dir, 'certs')
    const result = await cli.run(['cluster', 'config', 'web', '--dir', dir, '--output-certs'])
    expect(result.code).toBe(0)
    for (const name of ['ca.pem', 'cert.pem', 'key.pem']) {
      expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600)
    }
    expect(readFileSync(join(dir, 'ca.pem'), 'utf8')).toContain('BEGIN CERTIFICATE')
    expect(readFileSync(join(dir, 'key.pem'), 'utf8')).toContain('PRIVATE KEY')
    // A second run would overwrite them: refused without --force (exit 2 names the fix), done with it.
    const again = await cli.run(['cluster', 'config', 'web', '--dir', dir, '--output-certs'])
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('--force')
    expect(
      (await cli.run(['cluster', 'config', 'web', '--dir', dir, '--output-certs', '--force'])).code,
    ).toBe(0)
  })
})
