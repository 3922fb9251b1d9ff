import type { Session } from '@magnum-ts/auth'
import { InvalidCertificateOptionError } from '../errors.js'
import { BarbicanCertStore } from './barbican.js'
import { KeyValueCertStore, type X509KeyPairTable } from './key-value.js'
import { LocalCertStore } from './local.js'
import type { CertStore } from './types.js'

/** What the stores named in a spec need. */
export interface CertStoreDeps {
  session?: Session
  table?: X509KeyPairTable
}

/**
 * A store from its name, as in Magnum's `[certificates] cert_manager_type`:
 * `barbican`, `store` (x509keypair) or `local:DIR`.
 */
export function createCertStore(spec: string, deps: CertStoreDeps = {}): CertStore {
  if (spec === 'barbican') {
    if (!deps.session)
      throw new InvalidCertificateOptionError('session', 'the "barbican" store needs a session')
    return new BarbicanCertStore(deps.session)
  }
  if (spec === 'store' || spec === 'x509keypair') {
    if (!deps.table)
      throw new InvalidCertificateOptionError('table', 'the "store" certificate store needs a table')
    return new KeyValueCertStore(deps.table)
  }
  if (spec.startsWith('local:') && spec.length > 'local:'.length)
    return new LocalCertStore(spec.slice('local:'.length))
  throw new InvalidCertificateOptionError(
    'certStore',
    `"${spec}" is not a certificate store; use "barbican", "store" or "local:DIR" (e.g. local:/var/lib/magnum/certificates)`,
  )
}
