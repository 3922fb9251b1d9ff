import forge from 'node-forge'
import { InvalidCertificateOptionError } from './errors.js'

/** A distinguished name as Magnum and Kubernetes use it: CN, O (groups), OU. */
export interface SubjectName {
  cn: string
  /** Organization: Kubernetes reads each O as a group (e.g. `system:masters`). */
  o?: string | readonly string[]
  ou?: string | readonly string[]
}

// X.520 upper bound for commonName and organizationName; openssl refuses longer ones.
const maxLength = 64

function values(field: string, value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return []
  const list = typeof value === 'string' ? [value] : [...value]
  for (const v of list) {
    if (typeof v !== 'string' || v.length === 0 || [...v].length > maxLength) {
      throw new InvalidCertificateOptionError(
        field,
        `must be a non-empty string of at most ${maxLength} characters`,
      )
    }
  }
  return list
}

/** forge attributes for a subject, as UTF8String values (forge encodes them to UTF-8 itself). */
export function subjectAttributes(subject: SubjectName, field = 'subject'): forge.pki.CertificateField[] {
  const cn = values(`${field}.cn`, subject.cn)
  if (cn.length === 0) throw new InvalidCertificateOptionError(`${field}.cn`, 'is required')
  const attrs: forge.pki.CertificateField[] = []
  // Big-endian order (O, OU, CN), as openssl and Go write it.
  for (const o of values(`${field}.o`, subject.o)) attrs.push(utf8Attribute('organizationName', o))
  for (const ou of values(`${field}.ou`, subject.ou)) attrs.push(utf8Attribute('organizationalUnitName', ou))
  attrs.push(utf8Attribute('commonName', cn[0]!))
  return attrs
}

function utf8Attribute(name: string, value: string): forge.pki.CertificateField {
  return { name, value, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class }
}

/**
 * A parsed name's attributes, ready to be written again. forge reads UTF8String values as
 * raw bytes but UTF-8-encodes them on write, so they are decoded here to come out unchanged.
 */
export function copyName(attrs: forge.pki.CertificateField[]): forge.pki.CertificateField[] {
  return attrs.map((attr) =>
    (attr.valueTagClass as unknown as number) === forge.asn1.Type.UTF8 && typeof attr.value === 'string'
      ? { ...attr, value: forge.util.decodeUtf8(attr.value) }
      : attr,
  )
}
