import { ConflictError, InvalidOptionError, toArray } from '@magnum-ts/auth'
import { checkPublicKey, createKeypair, deleteKeypair, getKeypair, listKeypairs } from '@magnum-ts/compute'
import fc from 'fast-check'
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { json, NOVA, record, setup } from './helpers.js'

const env = setup()
const publicKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMagnumTsTestKey user@host'
const wrapped = (name: string) => ({
  keypair: { name, public_key: publicKey, fingerprint: 'fp', type: 'ssh' },
})

describe('listKeypairs', () => {
  it('unwraps {keypair} items and follows keypairs_links over three pages', async () => {
    env.use(
      http.get(`${NOVA}/os-keypairs`, async ({ request }) => {
        const seen = await record(env.seen, request)
        const marker = seen.url.searchParams.get('marker')
        if (!marker) {
          return json({
            keypairs: [wrapped('a')],
            keypairs_links: [{ rel: 'next', href: `${NOVA}/os-keypairs?limit=1&marker=a` }],
          })
        }
        if (marker === 'a') {
          return json({
            keypairs: [wrapped('b')],
            keypairs_links: [{ rel: 'next', href: `${NOVA}/os-keypairs?limit=1&marker=b` }],
          })
        }
        return json({ keypairs: [wrapped('c')] })
      }),
    )
    const keypairs = await toArray(listKeypairs(env.session(), { limit: 1 }))
    expect(keypairs.map((k) => k.name)).toEqual(['a', 'b', 'c'])
    expect(env.seen.map((s) => s.url.search)).toEqual(['?limit=1', '?limit=1&marker=a', '?limit=1&marker=b'])
    expect(env.seen[0]!.headers.get('x-auth-token')).toBe(env.identity.token)
  })
})

describe('getKeypair', () => {
  it('GETs /os-keypairs/{name} (encoded) with user_id', async () => {
    env.use(
      http.get(`${NOVA}/os-keypairs/:name`, async ({ request, params }) => {
        await record(env.seen, request)
        return json({ keypair: { ...wrapped(String(params.name)).keypair, id: 7, user_id: 'u1' } })
      }),
    )
    const keypair = await getKeypair(env.session(), 'my key', { userId: 'u1' })
    expect(keypair).toMatchObject({ name: 'my key', user_id: 'u1', public_key: publicKey })
    expect(env.seen[0]!.url.pathname).toBe('/v2.1/os-keypairs/my%20key')
    expect(env.seen[0]!.url.searchParams.get('user_id')).toBe('u1')
    expect(env.seen[0]!.headers.get('openstack-api-version')).toBe('compute 2.90')
  })
})

describe('createKeypair', () => {
  it('POSTs {keypair: {name, public_key, type}} to import a public key', async () => {
    env.use(
      http.post(`${NOVA}/os-keypairs`, async ({ request }) => {
        const seen = await record(env.seen, request)
        const body = seen.body as { keypair: { name: string } }
        return json({ keypair: { ...wrapped(body.keypair.name).keypair, user_id: 'u1' } }, 201)
      }),
    )
    const created = await createKeypair(env.session(), { name: 'k1', publicKey, type: 'ssh' })
    expect(created).toMatchObject({ name: 'k1', fingerprint: 'fp' })
    const seen = env.seen[0]!
    expect(seen.method).toBe('POST')
    expect(seen.url.pathname).toBe('/v2.1/os-keypairs')
    expect(seen.body).toEqual({ keypair: { name: 'k1', public_key: publicKey, type: 'ssh' } })
    expect(seen.headers.get('x-auth-token')).toBe(env.identity.token)
  })

  it('turns a 409 {"conflictingRequest"} into ConflictError with Nova\'s message', async () => {
    env.use(
      http.post(`${NOVA}/os-keypairs`, () =>
        json({ conflictingRequest: { code: 409, message: "Key pair 'k1' already exists." } }, 409),
      ),
    )
    const error = await createKeypair(env.session(), { name: 'k1', publicKey }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConflictError)
    expect((error as Error).message).toContain("Key pair 'k1' already exists.")
  })
})

describe('deleteKeypair', () => {
  it('DELETEs /os-keypairs/{name}', async () => {
    env.use(
      http.delete(`${NOVA}/os-keypairs/:name`, async ({ request }) => {
        await record(env.seen, request)
        return new Response(null, { status: 204 })
      }),
    )
    await deleteKeypair(env.session(), 'k1')
    expect(env.seen[0]!.method).toBe('DELETE')
    expect(env.seen[0]!.url.pathname).toBe('/v2.1/os-keypairs/k1')
    expect(env.seen[0]!.headers.get('x-auth-token')).toBe(env.identity.token)
  })
})

describe('checkPublicKey', () => {
  it('accepts single-line OpenSSH public keys of every common type', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ssh-ed25519', 'ssh-rsa', 'ecdsa-sha2-nistp256', 'sk-ssh-ed25519@openssh.com'),
        fc.stringMatching(/^[A-Za-z0-9+/]{16,64}={0,2}$/),
        fc.stringMatching(/^[\w@.-]{0,20}$/),
        (type, blob, comment) => {
          expect(() =>
            checkPublicKey(`${type} ${blob}${comment ? ` ${comment}` : ''}\n`, 'ssh'),
          ).not.toThrow()
        },
      ),
    )
  })

  it('refuses empty, multi-line and private keys, naming the option, before any request', async () => {
    const cases = [
      '  ',
      'ssh-ed25519 AAAA\nssh-rsa BBBB',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn',
      'not a key',
    ]
    for (const publicKey of cases) {
      const error = await createKeypair(env.session(), { name: 'k', publicKey }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(InvalidOptionError)
      expect((error as InvalidOptionError).option).toBe('publicKey')
      expect((error as Error).message).toMatch(/^publicKey: .+ Fix: /)
    }
    expect(env.seen).toHaveLength(0)
  })
})
