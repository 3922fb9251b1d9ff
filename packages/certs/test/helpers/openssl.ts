import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** True when an `openssl` binary is on PATH (the openssl tests are skipped otherwise). */
export const hasOpenssl = spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0
if (!hasOpenssl) console.warn('openssl is not on PATH: the openssl verify/x509 tests are skipped')

/** Runs openssl with PEM inputs written to temporary files; returns status and output. */
export function openssl(
  args: (dir: string) => string[],
  files: Record<string, string>,
): { status: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'certs-openssl-'))
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
    const r = spawnSync('openssl', args(dir), { encoding: 'utf8' })
    return { status: r.status, out: `${r.stdout}${r.stderr}` }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** `openssl verify -CAfile ca.pem cert.pem` (with X.509 strict checks). */
export function opensslVerify(
  caPem: string,
  certPem: string,
  purpose?: string,
): { status: number | null; out: string } {
  return openssl(
    (d) => [
      'verify',
      '-x509_strict',
      ...(purpose ? ['-purpose', purpose] : []),
      '-CAfile',
      join(d, 'ca.pem'),
      join(d, 'cert.pem'),
    ],
    { 'ca.pem': caPem, 'cert.pem': certPem },
  )
}

/** `openssl x509 -text -noout`. */
export function opensslText(certPem: string): string {
  const r = openssl((d) => ['x509', '-text', '-noout', '-in', join(d, 'c.pem')], { 'c.pem': certPem })
  if (r.status !== 0) throw new Error(r.out)
  return r.out
}

/**
 * The X509v3 extensions openssl prints, as `{ "<name>[ critical]": "<value lines>" }`.
 * Key identifier values are replaced by "<id>" (they differ per key).
 */
export function opensslExtensions(text: string): Record<string, string> {
  const lines = text.split('\n')
  const start = lines.findIndex((l) => l.trim() === 'X509v3 extensions:')
  if (start < 0) return {}
  const out: Record<string, string> = {}
  let current: string | undefined
  for (const line of lines.slice(start + 1)) {
    if (/^ {4}Signature Algorithm:/.test(line) || /^ {0,8}Signature Value:/.test(line)) break
    const header = /^ {12}(X509v3 [^:]+|[A-Za-z0-9 .]+):( critical)? *$/.exec(line)
    if (header) {
      current = `${header[1]}${header[2] ? ' critical' : ''}`
      out[current] = ''
    } else if (current && line.trim()) {
      out[current] = [out[current], line.trim()].filter(Boolean).join('\n')
    }
  }
  for (const key of Object.keys(out)) {
    if (/Key Identifier/.test(key)) out[key] = '<id>'
  }
  return out
}
