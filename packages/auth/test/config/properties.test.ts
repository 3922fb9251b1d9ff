import { writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { type AuthOptions, type CloudConfig, ConfigError, loadCloudConfig } from '@magnum-ts/auth'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { makeTree, type TempTree } from './tmp.js'

let tree: TempTree
beforeAll(async () => {
  tree = await makeTree()
})
afterAll(async () => {
  await tree.remove()
})

const nonEmpty = fc.string({ minLength: 1, maxLength: 12 })
const authUrl = fc.webUrl({ validSchemes: ['https', 'http'] }).filter((u) => !u.includes('{'))
const interfaces = fc.constantFrom(
  ['public', 'public'],
  ['internal', 'internal'],
  ['admin', 'admin'],
  ['publicURL', 'public'],
  ['internalURL', 'internal'],
  ['adminURL', 'admin'],
) as fc.Arbitrary<[string, 'public' | 'internal' | 'admin']>

/** Credentials as (OS_* variables, clouds.yaml auth keys, expected AuthOptions fields, auth type). */
const credentials = fc.oneof(
  fc
    .record({
      user: fc.oneof(fc.record({ username: nonEmpty }), fc.record({ userId: nonEmpty })),
      password: nonEmpty,
    })
    .map(({ user, password }) => ({
      fields: { ...user, password } as Partial<AuthOptions>,
      authType: 'password' as const,
    })),
  fc.record({ applicationCredentialId: nonEmpty, applicationCredentialSecret: nonEmpty }).map((fields) => ({
    fields: fields as Partial<AuthOptions>,
    authType: 'v3applicationcredential' as const,
  })),
  fc
    .record({ token: nonEmpty })
    .map((fields) => ({ fields: fields as Partial<AuthOptions>, authType: 'token' as const })),
)

const scope = fc.record(
  {
    projectName: nonEmpty,
    projectId: nonEmpty,
    userDomainName: nonEmpty,
    projectDomainName: nonEmpty,
    trustId: nonEmpty,
  },
  { requiredKeys: [] },
)

const ENV_OF: Record<string, string> = {
  authUrl: 'OS_AUTH_URL',
  username: 'OS_USERNAME',
  userId: 'OS_USER_ID',
  password: 'OS_PASSWORD',
  applicationCredentialId: 'OS_APPLICATION_CREDENTIAL_ID',
  applicationCredentialSecret: 'OS_APPLICATION_CREDENTIAL_SECRET',
  token: 'OS_TOKEN',
  projectName: 'OS_PROJECT_NAME',
  projectId: 'OS_PROJECT_ID',
  userDomainName: 'OS_USER_DOMAIN_NAME',
  projectDomainName: 'OS_PROJECT_DOMAIN_NAME',
  trustId: 'OS_TRUST_ID',
}
const snake = (camel: string) => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

describe('properties', () => {
  it('any valid OS_* environment loads as the equivalent envvars CloudConfig', async () => {
    await fc.assert(
      fc.asyncProperty(
        authUrl,
        credentials,
        scope,
        fc.option(nonEmpty, { nil: undefined }),
        fc.option(interfaces, { nil: undefined }),
        fc.option(fc.boolean(), { nil: undefined }),
        async (url, cred, sc, region, iface, insecure) => {
          const auth = { authUrl: url, ...cred.fields, ...sc }
          const env: Record<string, string> = {}
          for (const [k, v] of Object.entries(auth)) env[ENV_OF[k]!] = v as string
          if (region !== undefined) env.OS_REGION_NAME = region
          if (iface) env.OS_ENDPOINT_TYPE = iface[0]
          if (insecure !== undefined) env.OS_INSECURE = String(insecure)
          const config = await loadCloudConfig({ env, cwd: tree.cwd, searchPath: [] })
          const expected: CloudConfig = {
            name: 'envvars',
            authType: cred.authType,
            auth,
            interface: iface?.[1] ?? 'public',
            ...(region !== undefined ? { regionName: region } : {}),
            ...(insecure !== undefined ? { insecure } : {}),
          }
          const { sources, ...rest } = config
          expect(rest).toEqual(expected)
          for (const key of Object.keys(auth)) expect(sources?.[`auth.${key}`]).toBe(`env:${ENV_OF[key]}`)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('any clouds.yaml / clouds.json written to disk loads back to the same values', async () => {
    const service = fc.stringMatching(/^[a-z]{2,8}(_[a-z]{2,6})?$/)
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('clouds.yaml', 'clouds.json'),
        fc.string({ minLength: 1, maxLength: 10 }).filter((n) => n !== '__proto__'),
        authUrl,
        credentials,
        scope,
        fc.option(
          fc.oneof(
            nonEmpty.filter((r) => !r.includes(',') && r.trim() === r),
            fc.array(nonEmpty, { minLength: 1, maxLength: 3 }),
          ),
          {
            nil: undefined,
          },
        ),
        fc.option(interfaces, { nil: undefined }),
        fc.dictionary(service, authUrl, { maxKeys: 3 }),
        fc.dictionary(
          service,
          fc.tuple(fc.nat(9), fc.nat(120)).map(([a, b]) => `${a}.${b}`),
          { maxKeys: 3 },
        ),
        fc.option(fc.stringMatching(/^[a-z]{1,8}\/[a-z]{1,8}\.pem$/), { nil: undefined }),
        async (fileName, name, url, cred, sc, region, iface, overrides, versions, cacert) => {
          const auth: Record<string, string> = {}
          for (const [k, v] of Object.entries({ authUrl: url, ...cred.fields, ...sc }))
            auth[snake(k)] = v as string
          const cloud: Record<string, unknown> = { auth }
          if (region !== undefined) cloud.region_name = region
          if (iface) cloud.interface = iface[0]
          for (const [s, u] of Object.entries(overrides)) cloud[`${s}_endpoint_override`] = u
          for (const [s, v] of Object.entries(versions)) cloud[`${s}_api_version`] = v
          if (cacert) cloud.cacert = cacert
          const dir = join(tree.root, 'roundtrip')
          const path = join(dir, fileName)
          const doc = { clouds: { [name]: cloud } }
          await tree.write('roundtrip/.keep', '')
          await writeFile(
            path,
            fileName.endsWith('.json') ? JSON.stringify(doc) : stringify(doc, { version: '1.1' }),
          )
          try {
            const config = await loadCloudConfig({ env: {}, configFile: path, searchPath: [] })
            const dash = (o: Record<string, string>) =>
              Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replaceAll('_', '-'), v]))
            expect(config.name).toBe(name)
            expect(config.authType).toBe(cred.authType)
            expect(config.auth).toEqual({ authUrl: url, ...cred.fields, ...sc })
            expect(config.regionName).toBe(Array.isArray(region) ? region[0] : region)
            expect(config.interface).toBe(iface?.[1] ?? 'public')
            expect(config.endpointOverrides ?? {}).toEqual(dash(overrides))
            expect(config.apiVersions ?? {}).toEqual(dash(versions))
            expect(config.cacert).toBe(cacert ? resolve(dir, cacert) : undefined)
            expect(config.sources?.['auth.authUrl']).toBe(path)
          } finally {
            await writeFile(path, '')
          }
        },
      ),
      { numRuns: 150 },
    )
  })

  it('malformed or mistyped files raise ConfigError and nothing else', async () => {
    const path = join(tree.root, 'fuzz', 'clouds.yaml')
    const jsonPath = join(tree.root, 'fuzz', 'clouds.json')
    await tree.write('fuzz/.keep', '')
    const arbitraryCloud = fc.dictionary(
      fc.constantFrom(
        'auth',
        'region_name',
        'regions',
        'interface',
        'verify',
        'insecure',
        'cacert',
        'profile',
        'auth_type',
        'compute_api_version',
        'x_endpoint_override',
      ),
      fc.jsonValue(),
    )
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.jsonValue().map((v) => stringify({ clouds: { c: v } })),
      arbitraryCloud.map((c) => stringify({ clouds: { c } })),
      fc
        .tuple(arbitraryCloud, fc.dictionary(fc.string({ maxLength: 30 }), fc.jsonValue()))
        .map(([c, auth]) => stringify({ clouds: { c: { ...c, auth } } })),
    )
    await fc.assert(
      fc.asyncProperty(text, fc.boolean(), async (content, asJson) => {
        const target = asJson ? jsonPath : path
        await writeFile(target, content)
        try {
          await loadCloudConfig({ env: {}, configFile: target, searchPath: [] })
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError)
        } finally {
          await writeFile(target, '')
        }
      }),
      { numRuns: 300 },
    )
  })

  it('arbitrary OS_* values raise ConfigError or load, and errors never show the password', async () => {
    const names = fc.constantFrom(
      ...Object.values(ENV_OF),
      'OS_AUTH_TYPE',
      'OS_INTERFACE',
      'OS_ENDPOINT_TYPE',
      'OS_INSECURE',
      'OS_CLOUD',
      'OS_REGION_NAME',
      'OS_COMPUTE_API_VERSION',
      'OS_DOMAIN_NAME',
      'OS_APPLICATION_CREDENTIAL_NAME',
    )
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(names, fc.string({ maxLength: 20 })),
        fc.stringMatching(/^[a-z0-9]{16}$/).map((s) => `PW-${s}`),
        async (vars, password) => {
          const env = { ...vars, OS_PASSWORD: password }
          try {
            await loadCloudConfig({ env, cwd: tree.cwd, searchPath: [] })
          } catch (error) {
            expect(error).toBeInstanceOf(ConfigError)
            expect((error as Error).message).not.toContain(password)
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
