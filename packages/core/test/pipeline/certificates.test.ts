import { X509Certificate } from 'node:crypto'
import { createCsr, InvalidCsrError } from '@magnum-ts/certs'
import {
  CaRotationNotSupportedError,
  type ClusterDriver,
  certificateToWire,
  PolicyNotAuthorizedError,
} from '@magnum-ts/core'
import { describe, expect, it } from 'vitest'
import { pipelineOnFakeCloud, templateInput, testDriver } from './support.js'
import { asCaller, pipelineAs, upgradableDriver } from './support-extra.js'

async function readyCluster(drivers: ClusterDriver[] = [upgradableDriver]) {
  const fixture = await pipelineOnFakeCloud({ drivers })
  const template = await fixture.magnum.clusterTemplates.create(templateInput)
  const created = await fixture.magnum.clusters.create({ name: 'certs', clusterTemplateId: template.uuid })
  const cluster = (await fixture.magnum.clusters.waitFor(created.uuid, 'CREATE_COMPLETE', {
    intervalMs: 10,
  }))!
  // The same pipeline seen by another caller.
  const as = (who: Parameters<typeof asCaller>[1]) =>
    pipelineAs(fixture, asCaller(fixture.session, who), drivers)
  return { ...fixture, cluster, as }
}

const stranger = { userId: 'someone-else', projectId: 'other-project', isAdmin: false, roles: ['member'] }

describe('magnum.certificates', () => {
  it('get returns the cluster CA, in Magnum wire form { cluster_uuid, pem }', async () => {
    const { magnum, cluster } = await readyCluster()
    const ca = await magnum.certificates.get(cluster.uuid)
    const x509 = new X509Certificate(ca.pem)
    expect(x509.ca).toBe(true)
    expect(x509.subject).toContain('CN=certs')
    expect(certificateToWire(ca)).toEqual({ cluster_uuid: cluster.uuid, pem: ca.pem })
  })

  it('sign issues a certificate from the cluster CA for the owner, an admin and the trustee; others get 403', async () => {
    const { magnum, cluster, as } = await readyCluster()
    const { csrPem } = await createCsr({ cn: 'kubelet-node-1' })
    const caPem = (await magnum.certificates.get(cluster.uuid)).pem
    const ca = new X509Certificate(caPem)

    const signed = await magnum.certificates.sign(cluster.uuid, csrPem)
    expect(signed).toMatchObject({ clusterUuid: cluster.uuid, csr: csrPem })
    const cert = new X509Certificate(signed.pem)
    expect(cert.checkIssued(ca)).toBe(true)
    expect(cert.subject).toContain('CN=kubelet-node-1')

    const trustee = as({ ...stranger, userId: cluster.trusteeUserId! })
    expect(
      new X509Certificate((await trustee.certificates.sign(cluster.uuid, csrPem)).pem).checkIssued(ca),
    ).toBe(true)
    expect((await trustee.certificates.get(cluster.uuid)).pem).toBe(caPem)
    const admin = as({ ...stranger, isAdmin: true, roles: ['admin'] })
    expect(
      new X509Certificate((await admin.certificates.sign(cluster.uuid, csrPem)).pem).checkIssued(ca),
    ).toBe(true)

    const other = as(stranger)
    await expect(other.certificates.sign(cluster.uuid, csrPem)).rejects.toBeInstanceOf(
      PolicyNotAuthorizedError,
    )
    await expect(other.certificates.get(cluster.uuid)).rejects.toMatchObject({ status: 403 })
  })

  it('a CSR that cannot be read is a 400', async () => {
    const { magnum, cluster } = await readyCluster()
    const refused = magnum.certificates.sign(cluster.uuid, '-----BEGIN CERTIFICATE REQUEST-----\nnope\n')
    await expect(refused).rejects.toBeInstanceOf(InvalidCsrError)
    await expect(refused).rejects.toMatchObject({ status: 400 })
  })

  it('rotate stores a new CA on the cluster and deletes the old material', async () => {
    const { magnum, store, cluster, as } = await readyCluster()
    const oldPem = (await magnum.certificates.get(cluster.uuid)).pem
    const result = await magnum.certificates.rotate(cluster.uuid)
    expect(result).toEqual({ clusterUuid: cluster.uuid, leftover: [] })
    const rotated = (await store.clusters.get(cluster.uuid))!
    expect(rotated.caCertRef).not.toBe(cluster.caCertRef)
    expect(rotated.magnumCertRef).not.toBe(cluster.magnumCertRef)
    const newPem = (await magnum.certificates.get(cluster.uuid)).pem
    expect(newPem).not.toBe(oldPem)
    expect(await store.x509KeyPairs.get(cluster.caCertRef!)).toBeUndefined()
    // Only the owner's project or an admin may rotate (admin_or_owner); the trustee may not.
    await expect(
      as({ ...stranger, userId: cluster.trusteeUserId! }).certificates.rotate(cluster.uuid),
    ).rejects.toBeInstanceOf(PolicyNotAuthorizedError)
  })

  it('rotate is NotSupported (400) unless the driver declares rotateCaSupported', async () => {
    const { magnum, store, cluster } = await readyCluster([testDriver])
    const refused = magnum.certificates.rotate(cluster.uuid)
    await expect(refused).rejects.toBeInstanceOf(CaRotationNotSupportedError)
    await expect(refused).rejects.toMatchObject({ status: 400 })
    expect((await store.clusters.get(cluster.uuid))?.caCertRef).toBe(cluster.caCertRef)
  })
})
