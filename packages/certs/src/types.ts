/** A cluster CA in memory: its certificate and its private key, both PEM (key unencrypted PKCS#8). */
export interface CertificateAuthority {
  certificatePem: string
  privateKeyPem: string
}

/** A certificate with the private key it was issued for (PEM, key unencrypted PKCS#8). */
export interface IssuedCertificate {
  certificatePem: string
  privateKeyPem: string
}

/** What every certificate-issuing function accepts. */
export interface IssueOptions {
  /** Days from now until notAfter (default 1825, as Magnum). */
  validityDays?: number
  /** Clock, injectable for tests (default `() => new Date()`). */
  now?: () => Date
}
