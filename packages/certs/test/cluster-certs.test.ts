import { X509Certificate } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CertificateNotFoundError,
  type CertStore,
  createCertStore,
  createClusterCertificates,
  createCsr,
  deleteClusterCertificates,
  KeyValueCertStore,
  LocalCertStore,
  loadCa,
  loadConductorCertificate,
  memoryX509KeyPairTable,
  rotateCa,
  signCsr,
} from '@magnum-ts/certs'
import { afterEach, describe, expect, it } from 'vitest'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'certs-cluster-'))
  dirs.push(d)
  return d
}

describe('createClusterCertificates with the store-backed (x509keypair) store', () => {
  it('keeps one row per certificate, keys encrypted with a passphrase beside them', async () => {
    const table = memoryX509KeyPairTable()
    const store = createCertStore('store', { table })
    expect(store).toBeInstanceOf(KeyValueCertStore)
    const { refs, ca, conductor } = await createClusterCertificates(store, {
      clusterId: 'uuid-1',
      clusterName: 'k8s',
    })
    expect([...table.records.keys()].sort()).toEqual([refs.caCertRef, refs.magnumCertRef].sort())
    const caRow = table.records.get(refs.caCertRef)!
    expect(caRow).toMatchObject({ name: 'uuid-1-ca', clusterId: 'uuid-1', certificate: ca.certificatePem })
    expect(caRow.privateKey).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/)
    expect(caRow.privateKeyPassphrase).toBeTruthy()
    expect(table.records.get(refs.magnumCertRef)).toMatchObject({ name: 'uuid-1-conductor' })
    // What comes back is usable: the CA signs, the conductor cert chains to it.
    const loaded = await loadCa(store, refs.caCertRef)
    expect(loaded).toEqual(ca)
    const { csrPem } = await createCsr({ cn: 'kubelet' })
    expect(new X509Certificate(signCsr(loaded, csrPem)).issuer).toBe('CN=k8s')
    expect(await loadConductorCertificate(store, refs.magnumCertRef)).toEqual(conductor)
  })

  it('names the CA after the uuid when the cluster has no name', async () => {
    const store = new KeyValueCertStore(memoryX509KeyPairTable())
    const { ca } = await createClusterCertificates(store, {
      clusterId: '5e8beb02-9378-4e8c-8b4d-1cae933de665',
    })
    expect(new X509Certificate(ca.certificatePem).subject).toBe('CN=5e8beb02-9378-4e8c-8b4d-1cae933de665')
  })

  it('deletes both certificates', async () => {
    const table = memoryX509KeyPairTable()
    const store = new KeyValueCertStore(table)
    const { refs } = await createClusterCertificates(store, { clusterId: 'c' })
    await deleteClusterCertificates(store, refs)
    expect(table.records.size).toBe(0)
    await expect(loadCa(store, refs.caCertRef)).rejects.toBeInstanceOf(CertificateNotFoundError)
  })

  it('a table marked secret keeps keys unencrypted', async () => {
    const table = memoryX509KeyPairTable()
    const { refs } = await createClusterCertificates(new KeyValueCertStore(table, { secret: true }), {
      clusterId: 'c',
    })
    expect(table.records.get(refs.caCertRef)?.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/)
    expect(table.records.get(refs.caCertRef)?.privateKeyPassphrase).toBeUndefined()
  })
})

describe('createClusterCertificates with the local store', () => {
  it("writes Magnum's file layout: .crt, encrypted .key and its .pass per certificate", async () => {
    const dir = tempDir()
    const store = new LocalCertStore(dir)
    const { refs, ca } = await createClusterCertificates(store, { clusterId: 'c', clusterName: 'local-k8s' })
    expect(readdirSync(dir).sort()).toEqual(
      [refs.caCertRef, refs.magnumCertRef].flatMap((r) => [`${r}.crt`, `${r}.key`, `${r}.pass`]).sort(),
    )
    expect(readFileSync(join(dir, `${refs.caCertRef}.crt`), 'utf8')).toBe(ca.certificatePem)
    expect(readFileSync(join(dir, `${refs.caCertRef}.key`), 'utf8')).toMatch(/ENCRYPTED PRIVATE KEY/)
    expect(await loadCa(store, refs.caCertRef)).toEqual(ca)
  })
})

// A store that fails its n-th write, to see what a failure leaves behind.
function failingStore(inner: CertStore, failOnWrite: number): CertStore {
  let writes = 0
  return {
    type: inner.type,
    secret: inner.secret,
    storeCert: (cert, meta) =>
      ++writes === failOnWrite ? Promise.reject(new Error('disk full')) : inner.storeCert(cert, meta),
    getCert: (ref) => inner.getCert(ref),
    deleteCert: (ref) => inner.deleteCert(ref),
  }
}

describe('rotateCa', () => {
  it('stores a new CA and conductor certificate, commits, then deletes the old ones', async () => {
    const table = memoryX509KeyPairTable()
    const store = new KeyValueCertStore(table)
    const before = await createClusterCertificates(store, { clusterId: 'c', clusterName: 'k8s' })
    const committed: unknown[] = []
    const after = await rotateCa(store, 'c', {
      clusterName: 'k8s',
      current: before.refs,
      commit: async (refs) => {
        // At commit time both generations exist: the cluster can switch without a gap.
        expect(table.records.size).toBe(4)
        committed.push(refs)
      },
    })
    expect(committed).toEqual([after.refs])
    expect([...table.records.keys()].sort()).toEqual([after.refs.caCertRef, after.refs.magnumCertRef].sort())
    expect(after.leftover).toEqual([])
    expect(after.ca.certificatePem).not.toBe(before.ca.certificatePem)
    const newCa = new X509Certificate(after.ca.certificatePem)
    const conductor = new X509Certificate(after.conductor.certificatePem)
    expect(conductor.checkIssued(newCa)).toBe(true)
    expect(conductor.verify(newCa.publicKey)).toBe(true)
    expect(conductor.verify(new X509Certificate(before.ca.certificatePem).publicKey)).toBe(false)
  })

  it('leaves the old material intact, and no new material behind, when storing the new fails', async () => {
    const dir = tempDir()
    const local = new LocalCertStore(dir)
    const before = await createClusterCertificates(local, { clusterId: 'c', clusterName: 'k8s' })
    const filesBefore = readdirSync(dir).sort()
    // Write 2 of the rotation (the new conductor certificate) fails.
    await expect(rotateCa(failingStore(local, 2), 'c', { current: before.refs })).rejects.toThrow('disk full')
    expect(readdirSync(dir).sort()).toEqual(filesBefore)
    expect(await loadCa(local, before.refs.caCertRef)).toEqual(before.ca)
    expect(await loadConductorCertificate(local, before.refs.magnumCertRef)).toEqual(before.conductor)
  })

  it('leaves the old material in use when recording the new references fails', async () => {
    const table = memoryX509KeyPairTable()
    const store = new KeyValueCertStore(table)
    const before = await createClusterCertificates(store, { clusterId: 'c' })
    await expect(
      rotateCa(store, 'c', {
        current: before.refs,
        commit: async () => {
          throw new Error('database down')
        },
      }),
    ).rejects.toThrow('database down')
    expect([...table.records.keys()].sort()).toEqual(
      [before.refs.caCertRef, before.refs.magnumCertRef].sort(),
    )
    expect(await loadCa(store, before.refs.caCertRef)).toEqual(before.ca)
  })

  it('reports old references it could not delete instead of failing a rotation that took effect', async () => {
    const table = memoryX509KeyPairTable()
    const inner = new KeyValueCertStore(table)
    const before = await createClusterCertificates(inner, { clusterId: 'c' })
    const store: CertStore = {
      type: inner.type,
      secret: inner.secret,
      storeCert: (c, m) => inner.storeCert(c, m),
      getCert: (r) => inner.getCert(r),
      deleteCert: (r) =>
        r === before.refs.caCertRef ? Promise.reject(new Error('busy')) : inner.deleteCert(r),
    }
    const after = await rotateCa(store, 'c', { current: before.refs })
    expect(after.leftover).toEqual([before.refs.caCertRef])
    expect(table.records.has(before.refs.magnumCertRef)).toBe(false)
  })
})
