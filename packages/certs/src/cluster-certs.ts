import { createCa } from './ca.js'
import { createConductorCertificate } from './client-cert.js'
import { decryptPrivateKey, encryptPrivateKey, randomPassphrase } from './encrypted-key.js'
import type { CertStore, StoredCertificate } from './stores/types.js'
import type { CertificateAuthority, IssuedCertificate, IssueOptions } from './types.js'

/** References to a cluster's certificates, kept on the cluster (Magnum's ca_cert_ref, magnum_cert_ref). */
export interface ClusterCertRefs {
  caCertRef: string
  magnumCertRef: string
}

/** Which cluster, and how to make its certificates. */
export interface ClusterCertOptions extends IssueOptions {
  clusterId: string
  /** The CA's CN; the uuid when the cluster has no name. */
  clusterName?: string | undefined
  /** RSA key size for the CA and the conductor key (default 2048). */
  keyBits?: number
}

/** A cluster's certificate material in memory, with where it is stored. */
export interface ClusterCertificates {
  refs: ClusterCertRefs
  ca: CertificateAuthority
  conductor: IssuedCertificate
}

/** A certificate as the store will keep it: key encrypted with a fresh passphrase unless the store is secret. */
export function toStored(cert: IssuedCertificate, store: CertStore): StoredCertificate {
  if (store.secret) return { certificate: cert.certificatePem, privateKey: cert.privateKeyPem }
  const passphrase = randomPassphrase()
  return {
    certificate: cert.certificatePem,
    privateKey: encryptPrivateKey(cert.privateKeyPem, passphrase),
    privateKeyPassphrase: passphrase,
  }
}

/** A stored certificate with its key decrypted. */
export function fromStored(stored: StoredCertificate): IssuedCertificate {
  return {
    certificatePem: stored.certificate,
    privateKeyPem:
      stored.privateKeyPassphrase === undefined
        ? stored.privateKey
        : decryptPrivateKey(stored.privateKey, stored.privateKeyPassphrase),
  }
}

/** Makes a cluster's CA and conductor certificate in memory, without storing them. */
export async function generateClusterCertificates(
  options: ClusterCertOptions,
): Promise<Omit<ClusterCertificates, 'refs'>> {
  const issue = {
    ...(options.validityDays === undefined ? {} : { validityDays: options.validityDays }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.keyBits === undefined ? {} : { keyBits: options.keyBits }),
  }
  const ca = await createCa({ ...issue, commonName: options.clusterName || options.clusterId })
  const conductor = await createConductorCertificate(ca, issue)
  return { ca, conductor }
}

/**
 * Saves a CA and conductor certificate for a cluster. When the second write fails the first
 * is deleted again, so a failure leaves nothing behind.
 */
export async function storeClusterCertificates(
  store: CertStore,
  clusterId: string,
  certs: Omit<ClusterCertificates, 'refs'>,
): Promise<ClusterCertRefs> {
  const caCertRef = await store.storeCert(toStored(certs.ca, store), { name: `${clusterId}-ca`, clusterId })
  try {
    const magnumCertRef = await store.storeCert(toStored(certs.conductor, store), {
      name: `${clusterId}-conductor`,
      clusterId,
    })
    return { caCertRef, magnumCertRef }
  } catch (error) {
    await store.deleteCert(caCertRef).catch(() => undefined)
    throw error
  }
}

/** Creates and stores a new cluster's CA and conductor certificate (conductor create step 3). */
export async function createClusterCertificates(
  store: CertStore,
  options: ClusterCertOptions,
): Promise<ClusterCertificates> {
  const certs = await generateClusterCertificates(options)
  const refs = await storeClusterCertificates(store, options.clusterId, certs)
  return { refs, ...certs }
}

/** Loads a cluster's CA, key decrypted, ready for `signCsr`. */
export async function loadCa(store: CertStore, caCertRef: string): Promise<CertificateAuthority> {
  return fromStored(await store.getCert(caCertRef))
}

/** Loads the conductor's client certificate and key, decrypted. */
export async function loadConductorCertificate(
  store: CertStore,
  magnumCertRef: string,
): Promise<IssuedCertificate> {
  return fromStored(await store.getCert(magnumCertRef))
}

/** Deletes a cluster's certificates (both are attempted; the first failure is thrown). */
export async function deleteClusterCertificates(store: CertStore, refs: ClusterCertRefs): Promise<void> {
  const results = await Promise.allSettled([
    store.deleteCert(refs.caCertRef),
    store.deleteCert(refs.magnumCertRef),
  ])
  const failed = results.find((r) => r.status === 'rejected')
  if (failed) throw (failed as PromiseRejectedResult).reason
}
