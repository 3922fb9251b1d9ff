import { X509Certificate } from 'node:crypto'
import {
  BarbicanCertStore,
  createClusterCertificates,
  deleteClusterCertificates,
  loadCa,
  loadConductorCertificate,
} from '@magnum-ts/certs'
import { createFakeCloud } from '@magnum-ts/testing'
import { describe, expect, it } from 'vitest'

// The Barbican store against the stateful fake cloud: secrets and containers really exist
// in between, and deleting the cluster's certificates leaves nothing behind.
describe('BarbicanCertStore on the fake cloud', () => {
  it('stores a cluster CA and conductor certificate, loads them back, deletes without orphans', async () => {
    const cloud = createFakeCloud()
    const store = new BarbicanCertStore(cloud.session())
    await store.check()
    const { refs, ca } = await createClusterCertificates(store, { clusterId: 'c-1', clusterName: 'prod' })
    expect(Object.keys(cloud.orphans()).length).toBeGreaterThan(0)

    const loaded = await loadCa(store, refs.caCertRef)
    expect(loaded.certificatePem).toBe(ca.certificatePem)
    const conductor = await loadConductorCertificate(store, refs.magnumCertRef)
    const issued = new X509Certificate(conductor.certificatePem)
    expect(issued.checkIssued(new X509Certificate(ca.certificatePem))).toBe(true)

    await deleteClusterCertificates(store, refs)
    cloud.assertNoOrphans()
  })
})
