export { type CreateCaOptions, createCa } from './ca.js'
export {
  type ClientCertificateOptions,
  conductorSubject,
  createClientCertificate,
  createConductorCertificate,
} from './client-cert.js'
export {
  type ClusterCertificates,
  type ClusterCertOptions,
  type ClusterCertRefs,
  createClusterCertificates,
  deleteClusterCertificates,
  fromStored,
  generateClusterCertificates,
  loadCa,
  loadConductorCertificate,
  storeClusterCertificates,
  toStored,
} from './cluster-certs.js'
export { type CreateCsrOptions, type CsrWithKey, createCsr } from './csr.js'
export { decryptPrivateKey, encryptPrivateKey, randomPassphrase } from './encrypted-key.js'
export {
  BarbicanUnavailableError,
  CertificateNotFoundError,
  CertificateStorageError,
  CertificateValidationError,
  InvalidCertificateOptionError,
  InvalidCsrError,
} from './errors.js'
export { defaultValidityDays } from './fields.js'
export type { SignatureHash } from './forge-sign.js'
export { allowedKeyBits, generateKeyPair, type KeyBits, type KeyPair } from './keys.js'
export type { SubjectName } from './names.js'
export { type RotateCaOptions, type RotateCaResult, rotateCa } from './rotate.js'
export { isDnsName, type KubernetesSanOptions, kubernetesServerSans, type SubjectAltNames } from './sans.js'
export { createServerCertificate, type ServerCertificateOptions } from './server-cert.js'
export {
  type AllowedExtension,
  type AllowedKeyUsage,
  defaultAllowedExtensions,
  defaultAllowedKeyUsage,
  readCsr,
  type SigningPolicy,
  signCsr,
} from './sign-csr.js'
export { BarbicanCertStore } from './stores/barbican.js'
export { type CertStoreDeps, createCertStore } from './stores/from-spec.js'
export {
  KeyValueCertStore,
  type KeyValueCertStoreOptions,
  memoryX509KeyPairTable,
  type X509KeyPairRecord,
  type X509KeyPairTable,
} from './stores/key-value.js'
export { LocalCertStore, type LocalCertStoreOptions } from './stores/local.js'
export type { CertStore, StoreCertificateMeta, StoredCertificate } from './stores/types.js'
export type { CertificateAuthority, IssuedCertificate, IssueOptions } from './types.js'
