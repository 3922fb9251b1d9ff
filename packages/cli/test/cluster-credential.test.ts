import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CliOnFakeCloud, cliOnFakeCloud, K8S_TEMPLATE } from './fake-cloud-env.js'

let cli: CliOnFakeCloud
beforeAll(async () => {
  cli = await cliOnFakeCloud(0)
  expect((await cli.run(['cluster', 'template', 'create', 'k8s', ...K8S_TEMPLATE])).code).toBe(0)
})
afterAll(() => cli.close())

const credentials = () => [...cli.cloud.state.identity.applicationCredentials.values()]

describe('magnum-ts --cluster-credential', () => {
  it('application-credential: creates the cluster with your application credential and no trustee, then deletes both', async () => {
    const trustsBefore = cli.cloud.state.identity.trusts.size
    const usersBefore = cli.cloud.state.identity.users.size
    // No trustee domain admin is needed in this mode.
    const env = { MAGNUM_TS_TRUSTEE_CLOUD: '' }
    const created = await cli.run(
      [
        'cluster',
        'create',
        'ac',
        '--cluster-template',
        'k8s',
        '--cluster-credential',
        'application-credential',
        '--wait',
      ],
      { env },
    )
    expect(created.stderr).toBe('')
    expect(created.code).toBe(0)
    expect(created.stdout).toContain('CREATE_COMPLETE')
    const uuid = /Request to create cluster (\S+) accepted/.exec(created.stdout)?.[1]
    expect(credentials().map((c) => [c.name, c.unrestricted])).toEqual([[`magnum-ts-${uuid}`, false]])
    expect(cli.cloud.state.identity.trusts.size).toBe(trustsBefore)
    expect(cli.cloud.state.identity.users.size).toBe(usersBefore)
    // Neither id nor secret is shown.
    const shown = await cli.run(['cluster', 'show', 'ac', '-f', 'json'])
    expect(shown.stdout).not.toContain(credentials()[0]!.id)
    expect(shown.stdout).not.toContain(credentials()[0]!.secret)

    const deleted = await cli.run(['cluster', 'delete', 'ac', '--wait'], {
      env: { ...env, MAGNUM_TS_CLUSTER_CREDENTIAL: 'application-credential' },
    })
    expect(deleted.code).toBe(0)
    expect(credentials()).toEqual([])
  })

  it('a bad value exits 2, naming the option and the valid values, before anything is made', async () => {
    const result = await cli.run([
      'cluster',
      'create',
      'bad',
      '--cluster-template',
      'k8s',
      '--cluster-credential',
      'keys',
    ])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      '--cluster-credential: "keys" is not one of trust, application-credential',
    )
    const fromEnv = await cli.run(['cluster', 'list'], { env: { MAGNUM_TS_CLUSTER_CREDENTIAL: 'nope' } })
    expect(fromEnv.code).toBe(2)
    expect(fromEnv.stderr).toContain(
      'MAGNUM_TS_CLUSTER_CREDENTIAL: "nope" is not one of trust, application-credential',
    )
    expect((await cli.run(['cluster', 'list', '-f', 'json'])).stdout).not.toContain('"bad"')
  })
})
