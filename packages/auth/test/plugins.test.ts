import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ConfigError, normaliseAuthUrl } from '../src/index.js'
import { buildAuthBody } from '../src/plugins/auth-body.js'

const base = { authUrl: 'http://k/v3' }

describe('auth plugins: Keystone v3 request bodies', () => {
  it('password, project-scoped by id', () => {
    expect(buildAuthBody('password', { ...base, userId: 'u1', password: 'p', projectId: 'pid' })).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { id: 'u1', password: 'p' } } },
        scope: { project: { id: 'pid' } },
      },
    })
  })

  it('password, domain-scoped', () => {
    const body = buildAuthBody('v3password', {
      ...base,
      username: 'admin',
      password: 'p',
      userDomainId: 'default',
      domainName: 'Default',
    })
    expect(body.auth.scope).toEqual({ domain: { name: 'Default' } })
    expect(body.auth.identity).toEqual({
      methods: ['password'],
      password: { user: { name: 'admin', domain: { id: 'default' }, password: 'p' } },
    })
  })

  it('password, unscoped when nothing to scope to', () => {
    const body = buildAuthBody('password', { ...base, userId: 'u', password: 'p' })
    expect(body.auth).not.toHaveProperty('scope')
  })

  it('token auth (re-scoping a token)', () => {
    expect(buildAuthBody('token', { ...base, token: 'tkn', projectId: 'p' })).toEqual({
      auth: { identity: { methods: ['token'], token: { id: 'tkn' } }, scope: { project: { id: 'p' } } },
    })
  })

  it('application credential by id, never with a scope', () => {
    expect(
      buildAuthBody('v3applicationcredential', {
        ...base,
        applicationCredentialId: 'ac1',
        applicationCredentialSecret: 's',
        projectId: 'ignored',
      }),
    ).toEqual({
      auth: {
        identity: { methods: ['application_credential'], application_credential: { id: 'ac1', secret: 's' } },
      },
    })
  })

  it('application credential by name + user', () => {
    const body = buildAuthBody(undefined, {
      ...base,
      applicationCredentialName: 'ci',
      applicationCredentialSecret: 's',
      username: 'demo',
      userDomainName: 'Default',
    })
    expect(body.auth.identity).toEqual({
      methods: ['application_credential'],
      application_credential: {
        name: 'ci',
        secret: 's',
        user: { name: 'demo', domain: { name: 'Default' } },
      },
    })
  })

  it('trust-scoped with a trustee password, and with a token', () => {
    expect(
      buildAuthBody('password', { ...base, userId: 'trustee', password: 'p', trustId: 't1' }).auth.scope,
    ).toEqual({
      'OS-TRUST:trust': { id: 't1' },
    })
    expect(buildAuthBody('token', { ...base, token: 'x', trustId: 't2', projectId: 'p' }).auth.scope).toEqual(
      {
        'OS-TRUST:trust': { id: 't2' },
      },
    )
  })

  it.each([
    [{ ...base, username: 'u', password: 'p' }, 'auth.user_domain_name'],
    [{ ...base, userId: 'u', password: 'p', projectName: 'x' }, 'auth.project_domain_name'],
    [{ ...base, userId: 'u' }, 'auth.password'],
    [{ ...base, applicationCredentialName: 'n', applicationCredentialSecret: 's' }, 'auth.username'],
  ])('missing piece → ConfigError naming the key (%#)', (auth, key) => {
    const error = (() => {
      try {
        buildAuthBody(undefined, auth)
      } catch (e) {
        return e as ConfigError
      }
    })()
    expect(error).toBeInstanceOf(ConfigError)
    expect(error?.key).toBe(key)
  })

  it('rejects an unknown auth type and lists the supported ones', () => {
    expect(() => buildAuthBody('v3oidcpassword' as never, { ...base })).toThrow(/supported: password/)
  })
})

describe('auth URL normalisation', () => {
  it.each([
    ['http://k:5000', 'http://k:5000/v3'],
    ['http://k:5000/', 'http://k:5000/v3'],
    ['http://k:5000/v3', 'http://k:5000/v3'],
    ['http://k:5000/v3/', 'http://k:5000/v3'],
    ['https://cloud.example/identity', 'https://cloud.example/identity/v3'],
    ['https://cloud.example/identity/v2.0/', 'https://cloud.example/identity/v3'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseAuthUrl(input)).toBe(expected)
  })

  it('property: idempotent and always ends in /v3', () => {
    const seg = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/)
    fc.assert(
      fc.property(
        fc.webUrl({ withQueryParameters: false, withFragments: false }),
        fc.array(seg, { maxLength: 3 }),
        fc.constantFrom('', '/', '/v3', '/v3/', '/v2.0'),
        (url, segs, tail) => {
          const input = `${url.replace(/\/+$/, '')}${segs.map((s) => `/${s}`).join('')}${tail}`
          const once = normaliseAuthUrl(input)
          expect(once.endsWith('/v3')).toBe(true)
          expect(normaliseAuthUrl(once)).toBe(once)
        },
      ),
    )
  })
})
