/** One certificate as a store keeps it (Magnum's `Cert`): PEMs, the key possibly encrypted. */
export interface StoredCertificate {
  certificate: string
  /** PKCS#8 PEM; encrypted when `privateKeyPassphrase` is set. */
  privateKey: string
  privateKeyPassphrase?: string | undefined
  /** Chain certificates between this one and its root, PEM; none for Magnum's clusters. */
  intermediates?: string | undefined
}

/** Who a stored certificate belongs to: names the Barbican container, the database row. */
export interface StoreCertificateMeta {
  /** e.g. `<cluster uuid>-ca` or `<cluster uuid>-conductor`. */
  name: string
  clusterId: string
}

/**
 * Where a cluster's CA and conductor certificate live (Magnum's cert_manager). Each stored
 * certificate gets a reference, kept on the cluster (Magnum's ca_cert_ref / magnum_cert_ref).
 */
export interface CertStore {
  /** `local`, `store` or `barbican`. */
  readonly type: string
  /** True when the store is itself a secret store, so keys are kept unencrypted in it. */
  readonly secret: boolean
  /** Saves one certificate; returns its reference. */
  storeCert(cert: StoredCertificate, meta: StoreCertificateMeta): Promise<string>
  /** Loads a certificate by reference; `CertificateNotFoundError` when there is none. */
  getCert(ref: string): Promise<StoredCertificate>
  /** Deletes a certificate by reference; deleting one that is gone is not an error. */
  deleteCert(ref: string): Promise<void>
}
