import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { ConfigError, loadCloudConfig } from '@magnum-ts/auth'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTree, passwordCloud, type TempTree } from './tmp.js'

let tree: TempTree
let cloudsPath: string
beforeEach(async () => {
  tree = await makeTree()
  cloudsPath = join(tree.cwd, 'clouds.yaml')
})
afterEach(async () => {
  await tree.remove()
})

const SECRET = 'Sup3r-Secret-Value'

async function failure(env: Record<string, string> = {}, cloud?: string): Promise<ConfigError> {
  const error = await loadCloudConfig({
    env,
    cwd: tree.cwd,
    homeDir: tree.home,
    searchPath: [tree.cwd],
    ...(cloud ? { cloud } : {}),
  }).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ConfigError)
  const configError = error as ConfigError
  expect(configError.code).toBe('CONFIG_INVALID')
  expect(configError.message).not.toContain(SECRET)
  expect(configError.message).toContain('Fix:')
  return configError
}

describe('ConfigError', () => {
  it('for an unknown cloud lists the known ones and the file read', async () => {
    await tree.write('work/clouds.yaml', { clouds: { alpha: passwordCloud(), beta: passwordCloud() } })
    const error = await failure({ OS_CLOUD: 'gamma' })
    expect(error).toMatchObject({ file: cloudsPath, key: 'OS_CLOUD' })
    expect(error.message).toContain('cloud "gamma" is not defined. Known clouds: alpha, beta')
  })

  it('for an unknown cloud with no file lists the searched directories', async () => {
    const error = await failure({}, 'gamma')
    expect(error.key).toBe('cloud option')
    expect(error.message).toContain(`no clouds.yaml found in ${tree.cwd}`)
  })

  it('when nothing is configured says how to configure', async () => {
    const error = await failure({ OS_REGION_NAME: 'r1' })
    expect(error.message).toMatch(/no cloud is configured.*OS_AUTH_URL is not set/)
  })

  it('when several clouds exist and none is selected, lists them', async () => {
    await tree.write('work/clouds.yaml', { clouds: { alpha: passwordCloud(), beta: passwordCloud() } })
    expect((await failure()).message).toContain('several clouds are defined (alpha, beta)')
  })

  it('names the file and key of a missing auth_url', async () => {
    await tree.write('work/clouds.yaml', {
      clouds: { c: passwordCloud({}, { auth_url: undefined, password: SECRET }) },
    })
    const error = await failure()
    expect(error).toMatchObject({ file: cloudsPath, key: 'clouds.c.auth.auth_url' })
  })

  it('rejects a password without a user', async () => {
    await tree.write('work/clouds.yaml', {
      clouds: { c: { auth: { auth_url: 'https://k.example/v3', password: SECRET, project_id: 'p' } } },
    })
    expect(await failure()).toMatchObject({ key: 'clouds.c.auth.username' })
  })

  it('rejects a user without a password, pointing at secure.yaml', async () => {
    await tree.write('work/clouds.yaml', { clouds: { c: passwordCloud({}, { password: undefined }) } })
    const error = await failure()
    expect(error.key).toBe('clouds.c.auth.password')
    expect(error.message).toContain('secure.yaml')
  })

  it('rejects an application credential given by name without its user', async () => {
    await tree.write('work/clouds.yaml', {
      clouds: {
        c: {
          auth: {
            auth_url: 'https://k.example/v3',
            application_credential_name: 'ci',
            application_credential_secret: SECRET,
          },
        },
      },
    })
    expect((await failure()).message).toMatch(/application credential given by name needs its owner/)
  })

  it('rejects token auth without a token', async () => {
    await tree.write('work/clouds.yaml', { clouds: { c: passwordCloud({ auth_type: 'v3token' }) } })
    expect(await failure()).toMatchObject({ key: 'clouds.c.auth.token' })
  })

  it('for an unknown auth_type lists the supported ones', async () => {
    await tree.write('work/clouds.yaml', { clouds: { c: passwordCloud({ auth_type: 'v3oidcpassword' }) } })
    const error = await failure()
    expect(error).toMatchObject({ file: cloudsPath, key: 'clouds.c.auth_type' })
    expect(error.message).toContain(
      'Supported: password, v3password, token, v3token, v3applicationcredential, applicationcredential',
    )
  })

  it('for a file that cannot be read', async () => {
    await mkdir(cloudsPath)
    const error = await failure()
    expect(error.file).toBe(cloudsPath)
    expect(error.message).toMatch(/cannot read the file \(EISDIR\)/)
  })

  it('for malformed YAML gives the line and never quotes the file', async () => {
    await tree.write(
      'work/clouds.yaml',
      `clouds:\n  c:\n    auth:\n      password: ${SECRET}\n     username: [oops\n`,
    )
    const error = await failure()
    expect(error.file).toBe(cloudsPath)
    expect(error.message).toMatch(/malformed YAML at line 5/)
  })

  it('for duplicate keys in YAML', async () => {
    await tree.write('work/clouds.yaml', 'clouds:\n  c: {}\n  c: {}\n')
    expect((await failure()).message).toMatch(/malformed YAML at line 3/)
  })

  it('for malformed JSON gives the line and never quotes the file', async () => {
    await tree.write(
      'work/clouds.json',
      `{\n  "clouds": {\n    "c": {"auth": {"password": "${SECRET}",}}\n  }\n}\n`,
    )
    const error = await failure()
    expect(error.file).toBe(join(tree.cwd, 'clouds.json'))
    expect(error.message).toMatch(/malformed JSON at line 3/)
  })

  it.each([
    ['the document is a list', '- a\n- b\n', undefined],
    ['clouds is a list', 'clouds: [a, b]\n', 'clouds'],
    ['a cloud is a string', 'clouds:\n  c: hello\n', 'clouds.c'],
    ['auth is a string', 'clouds:\n  c:\n    auth: https://k.example/v3\n', 'clouds.c.auth'],
    [
      'region_name is a mapping',
      'clouds:\n  c:\n    region_name: {a: 1}\n    auth: {auth_url: "https://k/v3"}\n',
      'clouds.c.region_name',
    ],
    ['regions is a string', 'clouds:\n  c:\n    regions: r1\n', 'clouds.c.regions'],
    [
      'a region entry has extra keys',
      'clouds:\n  c:\n    regions: [{name: r1, zone: a}]\n',
      'clouds.c.regions[0]',
    ],
    [
      'username is a list',
      'clouds:\n  c:\n    auth: {auth_url: "https://k/v3", username: [a], password: x}\n',
      'clouds.c.auth.username',
    ],
    [
      'password is a boolean',
      'clouds:\n  c:\n    auth: {auth_url: "https://k/v3", username: a, password: true}\n',
      'clouds.c.auth.password',
    ],
    [
      'auth_url is not a URL',
      'clouds:\n  c:\n    auth: {auth_url: "keystone:5000", username: a, password: x}\n',
      'clouds.c.auth.auth_url',
    ],
    [
      'interface is unknown',
      'clouds:\n  c:\n    interface: private\n    auth: {auth_url: "https://k/v3", user_id: a, password: x}\n',
      'clouds.c.interface',
    ],
    [
      'insecure is not a boolean',
      'clouds:\n  c:\n    insecure: maybe\n    auth: {auth_url: "https://k/v3", user_id: a, password: x}\n',
      'clouds.c.insecure',
    ],
    [
      'verify is a list',
      'clouds:\n  c:\n    verify: [a]\n    auth: {auth_url: "https://k/v3", user_id: a, password: x}\n',
      'clouds.c.verify',
    ],
    [
      'an api version is not a version',
      'clouds:\n  c:\n    compute_api_version: two\n    auth: {auth_url: "https://k/v3", user_id: a, password: x}\n',
      'clouds.c.compute_api_version',
    ],
    ['profile is a list', 'clouds:\n  c:\n    profile: [a]\n', 'clouds.c.profile'],
  ])('for wrong types: %s', async (_what, yaml, key) => {
    await tree.write('work/clouds.yaml', yaml)
    const error = await failure()
    expect(error.file).toBe(cloudsPath)
    expect(error.key).toBe(key)
  })

  it('for a public-clouds entry of the wrong type, names clouds-public.yaml', async () => {
    const vendor = await tree.write('work/clouds-public.yaml', { 'public-clouds': { acme: 'nope' } })
    await tree.write('work/clouds.yaml', { clouds: { c: { profile: 'acme' } } })
    expect(await failure()).toMatchObject({ file: vendor, key: 'public-clouds.acme' })
  })
})
