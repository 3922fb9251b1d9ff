import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConfigError, ConnectionError, createSession } from '../src/index.js'

// A real HTTPS Keystone-alike on 127.0.0.1 with certificates made by openssl, to prove the
// cacert / cert / key / insecure settings reach the TLS layer.
const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'])
    return true
  } catch {
    return false
  }
})()

let dir = ''
let server: Server
let authUrl = ''
const requests: { clientCert: boolean }[] = []

function openssl(...args: string[]) {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
}

describe.skipIf(!hasOpenssl)('TLS options (real HTTPS server on 127.0.0.1)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'magnum-ts-tls-'))
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=test-ca',
    )
    writeFileSync(join(dir, 'san.cnf'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n')
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      '/CN=127.0.0.1',
    )
    openssl(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      '2',
      '-extfile',
      'san.cnf',
    )
    writeFileSync(join(dir, 'client.cnf'), 'extendedKeyUsage=clientAuth\n')
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'client.key',
      '-out',
      'client.csr',
      '-subj',
      '/CN=admin',
    )
    openssl(
      'x509',
      '-req',
      '-in',
      'client.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'client.pem',
      '-days',
      '2',
      '-extfile',
      'client.cnf',
    )
    server = createServer(
      {
        key: readFileSync(join(dir, 'server.key')),
        cert: readFileSync(join(dir, 'server.pem')),
        ca: readFileSync(join(dir, 'ca.pem')),
        requestCert: true,
        rejectUnauthorized: false,
      },
      (req, res) => {
        requests.push({ clientCert: (req.socket as import('node:tls').TLSSocket).authorized })
        res.writeHead(201, { 'Content-Type': 'application/json', 'X-Subject-Token': 'tls-token' })
        res.end(
          JSON.stringify({
            token: {
              expires_at: new Date(Date.now() + 3600_000).toISOString(),
              user: { id: 'u' },
              catalog: [],
            },
          }),
        )
      },
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    server.unref()
    authUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}/v3`
  })

  afterAll(() => {
    server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const auth = () => ({ authUrl, userId: 'u', password: 'p' })

  it('trusts a private CA through cacert', async () => {
    const session = createSession({ auth: auth(), cacert: join(dir, 'ca.pem') }, { retry: { retries: 0 } })
    expect(await session.token()).toBe('tls-token')
  })

  it('refuses the same server without the CA', async () => {
    const session = createSession(
      { auth: auth(), cert: join(dir, 'client.pem'), key: join(dir, 'client.key') },
      { retry: { retries: 0 } },
    )
    const error = await session.token().catch((e) => e)
    expect(error).toBeInstanceOf(ConnectionError)
  })

  it('insecure skips verification', async () => {
    const session = createSession({ auth: auth(), insecure: true }, { retry: { retries: 0 } })
    expect(await session.token()).toBe('tls-token')
  })

  it('presents a client certificate for mutual TLS', async () => {
    requests.length = 0
    const session = createSession(
      {
        auth: auth(),
        cacert: join(dir, 'ca.pem'),
        cert: join(dir, 'client.pem'),
        key: join(dir, 'client.key'),
      },
      { retry: { retries: 0 } },
    )
    await session.token()
    expect(requests).toEqual([{ clientCert: true }])
  })

  it('a cert without its key, or an unreadable cacert, is a ConfigError naming the key', async () => {
    const noKey = await createSession({ auth: auth(), cert: join(dir, 'client.pem') })
      .token()
      .catch((e) => e)
    expect(noKey).toBeInstanceOf(ConfigError)
    expect((noKey as ConfigError).key).toBe('key')
    const missing = await createSession({ auth: auth(), cacert: join(dir, 'nope.pem') })
      .token()
      .catch((e) => e)
    expect(missing).toBeInstanceOf(ConfigError)
    expect((missing as ConfigError).message).toContain('nope.pem')
  })
})
