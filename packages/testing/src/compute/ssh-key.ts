import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto'

function sshString(data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  return Buffer.concat([length, data])
}

function mpint(data: Buffer): Buffer {
  // An mpint with its high bit set needs a leading zero byte to stay positive.
  const body = data[0] !== undefined && data[0] & 0x80 ? Buffer.concat([Buffer.from([0]), data]) : data
  return sshString(body)
}

/** The MD5 fingerprint Nova shows for an OpenSSH public key (`aa:bb:…`). */
export function fingerprintOf(publicKey: string): string {
  const blob = publicKey.trim().split(/\s+/)[1] ?? ''
  const digest = createHash('md5').update(Buffer.from(blob, 'base64')).digest('hex')
  return digest.match(/../g)?.join(':') ?? digest
}

/** A real RSA key pair: OpenSSH public key and PKCS#1 PEM private key, as Nova generates them. */
export function generateSshKeyPair(comment: string): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = publicKey.export({ format: 'jwk' })
  const blob = Buffer.concat([
    sshString(Buffer.from('ssh-rsa')),
    mpint(Buffer.from(jwk.e ?? '', 'base64url')),
    mpint(Buffer.from(jwk.n ?? '', 'base64url')),
  ])
  return {
    publicKey: `ssh-rsa ${blob.toString('base64')} ${comment}`,
    privateKey: privateKey.export({ format: 'pem', type: 'pkcs1' }).toString(),
  }
}

/** A well-formed (but not usable) OpenSSH public key, cheap to make for seeded worlds. */
export function placeholderPublicKey(comment: string): string {
  const blob = Buffer.concat([
    sshString(Buffer.from('ssh-rsa')),
    mpint(Buffer.from([1, 0, 1])),
    mpint(Buffer.concat([Buffer.from([0xc0]), randomBytes(255)])),
  ])
  return `ssh-rsa ${blob.toString('base64')} ${comment}`
}
