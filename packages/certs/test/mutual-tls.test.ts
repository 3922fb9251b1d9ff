import type { AddressInfo } from 'node:net'
import { connect, createServer, type Server } from 'node:tls'
import {
  type CertificateAuthority,
  createCa,
  createConductorCertificate,
  createServerCertificate,
  type IssuedCertificate,
} from '@magnum-ts/certs'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

let ca: CertificateAuthority
let server: IssuedCertificate
let client: IssuedCertificate
let strangerClient: IssuedCertificate
let tlsServer: Server | undefined

beforeAll(async () => {
  const [a, b] = await Promise.all([createCa({ commonName: 'tls-a' }), createCa({ commonName: 'tls-b' })])
  ca = a
  ;[server, client, strangerClient] = await Promise.all([
    createServerCertificate(a, {
      subject: { cn: 'kube-apiserver' },
      sans: { ips: ['127.0.0.1'], dns: ['localhost'] },
    }),
    createConductorCertificate(a),
    createConductorCertificate(b),
  ])
})

afterEach(async () => {
  await new Promise<void>((resolve) => (tlsServer ? tlsServer.close(() => resolve()) : resolve()))
  tlsServer = undefined
})

interface Outcome {
  serverSawPeer?: string | undefined
  serverAuthorizationError?: string
  serverError?: string
  clientReceived?: string
  clientError?: string
}

// A server that requires a client certificate from the cluster CA and greets whoever it let in.
async function handshake(clientCert: IssuedCertificate, rejectUnauthorized = true): Promise<Outcome> {
  const outcome: Outcome = {}
  tlsServer = createServer(
    {
      key: server.privateKeyPem,
      cert: server.certificatePem,
      ca: [ca.certificatePem],
      requestCert: true,
      rejectUnauthorized,
    },
    (socket) => {
      if (!socket.authorized) {
        outcome.serverAuthorizationError = String(socket.authorizationError)
        socket.destroy()
        return
      }
      outcome.serverSawPeer = socket.getPeerCertificate().subject?.CN as string | undefined
      socket.end('hello')
    },
  )
  tlsServer.on('tlsClientError', (error) => {
    outcome.serverError = (error as NodeJS.ErrnoException).code ?? error.message
  })
  await new Promise<void>((resolve) => tlsServer!.listen(0, '127.0.0.1', resolve))
  const { port } = tlsServer.address() as AddressInfo
  await new Promise<void>((resolve) => {
    const socket = connect({
      host: '127.0.0.1',
      port,
      ca: [ca.certificatePem],
      key: clientCert.privateKeyPem,
      cert: clientCert.certificatePem,
    })
    let data = ''
    socket.setTimeout(5000, () => socket.destroy(new Error('timeout')))
    socket.on('data', (chunk) => {
      data += chunk.toString()
    })
    socket.on('error', (error) => {
      outcome.clientError = (error as NodeJS.ErrnoException).code ?? error.message
    })
    socket.on('close', () => {
      if (data) outcome.clientReceived = data
      resolve()
    })
  })
  return outcome
}

describe('mutual TLS on loopback with certificates from one cluster CA', () => {
  it('completes the handshake: the client verifies the server by IP SAN, the server the client by CA', async () => {
    const outcome = await handshake(client)
    expect(outcome).toEqual({ serverSawPeer: 'admin', clientReceived: 'hello' })
  })

  it('refuses a client certificate from another CA', async () => {
    const outcome = await handshake(strangerClient)
    expect(outcome.serverSawPeer).toBeUndefined()
    expect(outcome.clientReceived).toBeUndefined()
    expect(outcome.serverError).toBeDefined()
  })

  it('says why: the stranger certificate does not chain to the cluster CA', async () => {
    const outcome = await handshake(strangerClient, false)
    expect(outcome.serverAuthorizationError).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|unable to verify/i)
    expect(outcome.clientReceived).toBeUndefined()
  })
})
