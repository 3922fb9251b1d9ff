import { ConfigError, loadCloudConfig } from '@magnum-ts/auth'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTree, type TempTree } from './tmp.js'

let tree: TempTree
beforeEach(async () => {
  tree = await makeTree()
})
afterEach(async () => {
  await tree.remove()
})

const fromEnv = (env: Record<string, string>) =>
  loadCloudConfig({ env, cwd: tree.cwd, homeDir: tree.home, searchPath: [tree.cwd] })

const openrc = {
  OS_AUTH_URL: 'https://keystone.example.com:5000/v3',
  OS_USERNAME: 'demo',
  OS_PASSWORD: 'openrc-password',
  OS_PROJECT_NAME: 'demo-project',
  OS_USER_DOMAIN_NAME: 'Default',
  OS_PROJECT_DOMAIN_ID: 'default',
  OS_REGION_NAME: 'RegionOne',
  OS_INTERFACE: 'public',
  OS_IDENTITY_API_VERSION: '3',
}

describe('the envvars cloud', () => {
  it('turns an openrc environment into a cloud named envvars, with sources', async () => {
    const config = await fromEnv(openrc)
    expect(config).toEqual({
      name: 'envvars',
      authType: 'password',
      auth: {
        authUrl: 'https://keystone.example.com:5000/v3',
        username: 'demo',
        password: 'openrc-password',
        projectName: 'demo-project',
        userDomainName: 'Default',
        projectDomainId: 'default',
      },
      regionName: 'RegionOne',
      interface: 'public',
      sources: {
        authType: 'default',
        'auth.authUrl': 'env:OS_AUTH_URL',
        'auth.username': 'env:OS_USERNAME',
        'auth.password': 'env:OS_PASSWORD',
        'auth.projectName': 'env:OS_PROJECT_NAME',
        'auth.userDomainName': 'env:OS_USER_DOMAIN_NAME',
        'auth.projectDomainId': 'env:OS_PROJECT_DOMAIN_ID',
        regionName: 'env:OS_REGION_NAME',
        interface: 'env:OS_INTERFACE',
      },
    })
  })

  it('is renamed by OS_CLOUD_NAME and can be selected by that name', async () => {
    expect((await fromEnv({ ...openrc, OS_CLOUD_NAME: 'lab' })).name).toBe('lab')
    expect((await fromEnv({ ...openrc, OS_CLOUD_NAME: 'lab', OS_CLOUD: 'lab' })).name).toBe('lab')
  })

  it('treats OS_TENANT_* as project aliases, OS_PROJECT_* winning', async () => {
    const { OS_PROJECT_NAME: _, ...rest } = openrc
    expect((await fromEnv({ ...rest, OS_TENANT_NAME: 't' })).auth.projectName).toBe('t')
    expect((await fromEnv({ ...rest, OS_TENANT_ID: 'tid', OS_PROJECT_ID: 'pid' })).auth.projectId).toBe('pid')
  })

  it.each([
    ['publicURL', 'public'],
    ['internalURL', 'internal'],
    ['adminURL', 'admin'],
    ['internal', 'internal'],
  ])('maps OS_ENDPOINT_TYPE=%s to interface %s', async (value, expected) => {
    const { OS_INTERFACE: _, ...rest } = openrc
    expect((await fromEnv({ ...rest, OS_ENDPOINT_TYPE: value })).interface).toBe(expected)
  })

  it('reads application credentials, tokens and trusts', async () => {
    const appcred = await fromEnv({
      OS_AUTH_URL: 'https://k.example/v3',
      OS_AUTH_TYPE: 'v3applicationcredential',
      OS_APPLICATION_CREDENTIAL_ID: 'ac-id',
      OS_APPLICATION_CREDENTIAL_SECRET: 'ac-secret',
    })
    expect(appcred.authType).toBe('v3applicationcredential')
    expect(appcred.auth).toEqual({
      authUrl: 'https://k.example/v3',
      applicationCredentialId: 'ac-id',
      applicationCredentialSecret: 'ac-secret',
    })
    const byName = await fromEnv({
      OS_AUTH_URL: 'https://k.example/v3',
      OS_APPLICATION_CREDENTIAL_NAME: 'ci',
      OS_APPLICATION_CREDENTIAL_SECRET: 'ac-secret',
      OS_USER_ID: 'u1',
    })
    expect([byName.authType, byName.auth.applicationCredentialName, byName.auth.userId]).toEqual([
      'v3applicationcredential',
      'ci',
      'u1',
    ])
    const token = await fromEnv({
      OS_AUTH_URL: 'https://k.example/v3',
      OS_TOKEN: 'tok-123',
      OS_TRUST_ID: 'trust-1',
    })
    expect([token.authType, token.auth.token, token.auth.trustId]).toEqual(['token', 'tok-123', 'trust-1'])
  })

  it('reads TLS variables, per-service versions and endpoint overrides', async () => {
    const config = await fromEnv({
      ...openrc,
      OS_CACERT: '/etc/ssl/ca.pem',
      OS_CERT: 'client.pem',
      OS_KEY: 'client.key',
      OS_INSECURE: 'false',
      OS_COMPUTE_API_VERSION: '2.79',
      OS_LOAD_BALANCER_ENDPOINT_OVERRIDE: 'https://lb.example/',
    })
    expect(config.cacert).toBe('/etc/ssl/ca.pem')
    expect(config.cert).toBe(`${tree.cwd}/client.pem`)
    expect(config.key).toBe(`${tree.cwd}/client.key`)
    expect(config.insecure).toBe(false)
    expect(config.apiVersions).toEqual({ compute: '2.79' })
    expect(config.endpointOverrides).toEqual({ 'load-balancer': 'https://lb.example/' })
  })

  it('ignores empty variables, as openstacksdk drops empty values', async () => {
    const config = await fromEnv({ ...openrc, OS_PROJECT_ID: '', OS_REGION_NAME: '', OS_CACERT: '' })
    expect(config.auth.projectId).toBeUndefined()
    expect(config.regionName).toBeUndefined()
    expect(config.cacert).toBeUndefined()
  })

  it('rejects an OS_INTERFACE other than public, internal or admin', async () => {
    const error = await fromEnv({ ...openrc, OS_INTERFACE: 'private' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error).toMatchObject({ key: 'OS_INTERFACE', file: undefined })
    expect((error as Error).message).toMatch(/public, internal or admin.*"private"/)
  })

  it('names the missing variable when the environment cloud is incomplete', async () => {
    const { OS_AUTH_URL: _, ...noUrl } = openrc
    await expect(fromEnv(noUrl)).rejects.toMatchObject({ key: 'OS_AUTH_URL' })
    const { OS_PASSWORD: __, ...noPassword } = openrc
    await expect(fromEnv(noPassword)).rejects.toMatchObject({ key: 'OS_PASSWORD' })
  })

  it('rejects an OS_CLOUD_NAME that collides with a clouds.yaml cloud', async () => {
    await tree.write('work/clouds.yaml', { clouds: { lab: { auth: { auth_url: 'https://x.example/v3' } } } })
    const error = await fromEnv({ ...openrc, OS_CLOUD_NAME: 'lab' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).message).toContain('OS_CLOUD_NAME')
  })
})
