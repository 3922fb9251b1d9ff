import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { chmod } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import {
  CertificateNotFoundError,
  CertificateStorageError,
  createCertStore,
  LocalCertStore,
  type StoredCertificate,
} from '@magnum-ts/certs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'certs-local-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

const cert: StoredCertificate = {
  certificate: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
  privateKey: '-----BEGIN ENCRYPTED PRIVATE KEY-----\nBBBB\n-----END ENCRYPTED PRIVATE KEY-----\n',
  privateKeyPassphrase: 'pass-phrase',
}
const meta = { name: 'c1-ca', clusterId: 'c1' }
const mode = (path: string) => statSync(path).mode & 0o777

describe('LocalCertStore', () => {
  it('writes <uuid>.crt/.key/.pass with mode 0600 and reads them back', async () => {
    const store = new LocalCertStore(root)
    const ref = await store.storeCert({ ...cert, intermediates: 'INT' }, meta)
    expect(ref).toMatch(/^[0-9a-f-]{36}$/)
    expect(readdirSync(root).sort()).toEqual([`${ref}.crt`, `${ref}.int`, `${ref}.key`, `${ref}.pass`])
    for (const f of readdirSync(root)) expect(mode(join(root, f))).toBe(0o600)
    expect(await store.getCert(ref)).toEqual({ ...cert, intermediates: 'INT' })
  })

  it('writes no .pass or .int when there is no passphrase or chain', async () => {
    const store = new LocalCertStore(root)
    const ref = await store.storeCert({ certificate: 'C', privateKey: 'K' }, meta)
    expect(readdirSync(root).sort()).toEqual([`${ref}.crt`, `${ref}.key`])
    expect(await store.getCert(ref)).toEqual({ certificate: 'C', privateKey: 'K' })
  })

  it('keeps files 0600 whatever the umask', async () => {
    const old = process.umask(0)
    try {
      const store = new LocalCertStore(root)
      const ref = await store.storeCert(cert, meta)
      expect(mode(join(root, `${ref}.key`))).toBe(0o600)
    } finally {
      process.umask(old)
    }
  })

  it('deletes all files of a certificate; a second delete is no error; a missing ref is not found', async () => {
    const store = new LocalCertStore(root)
    const ref = await store.storeCert(cert, meta)
    await store.deleteCert(ref)
    await store.deleteCert(ref)
    expect(readdirSync(root)).toEqual([])
    await expect(store.getCert(ref)).rejects.toBeInstanceOf(CertificateNotFoundError)
    await expect(store.getCert('../../etc/passwd')).rejects.toBeInstanceOf(CertificateNotFoundError)
  })

  it('names the missing directory and how to fix it (seed 000: /var/lib/magnum/certificates)', async () => {
    const dir = join(root, 'missing', 'certificates')
    const store = new LocalCertStore(dir)
    const error = await store.storeCert(cert, meta).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CertificateStorageError)
    expect(error).toMatchObject({ code: 'CERTIFICATE_STORAGE_FAILED', path: dir })
    expect((error as Error).message).toContain(`${dir} does not exist`)
    expect((error as Error).message).toContain(`mkdir -p ${dir} && chmod 700 ${dir}`)
  })

  it('creates the directory 0700 when asked to', async () => {
    const dir = join(root, 'new', 'certificates')
    const store = new LocalCertStore(dir, { create: true })
    await store.storeCert(cert, meta)
    expect(mode(dir)).toBe(0o700)
  })

  it('says so when the path is a file, or lies under a file', async () => {
    const file = join(root, 'a-file')
    writeFileSync(file, 'x')
    for (const dir of [file, join(file, 'certificates')]) {
      const error = await new LocalCertStore(dir, { create: true })
        .storeCert(cert, meta)
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(CertificateStorageError)
      expect((error as Error).message).toMatch(new RegExp(`${dir} is not a directory`))
    }
  })

  // Root writes anywhere, so the unwritable case runs in a child process as "nobody".
  it.skipIf(process.getuid?.() !== 0)(
    'names the directory it cannot write to, and leaves nothing behind',
    async (ctx) => {
      const dir = join(root, 'readonly')
      rmSync(dir, { force: true, recursive: true })
      const made = spawnSync('mkdir', ['-m', '0755', dir])
      expect(made.status).toBe(0)
      await chmod(root, 0o755)
      const src = resolve(import.meta.dirname, '../src/stores/local.ts')
      const canRead = spawnSync(
        process.execPath,
        ['-e', `require('fs').accessSync(${JSON.stringify(src)})`],
        {
          uid: 65534,
          gid: 65534,
        },
      )
      if (canRead.status !== 0) {
        console.warn(`skipped: user "nobody" cannot read ${src} in this checkout`)
        ctx.skip()
      }
      const script = `
      const { LocalCertStore } = await import(${JSON.stringify(src)})
      try {
        await new LocalCertStore(${JSON.stringify(dir)}).storeCert({ certificate: 'C', privateKey: 'K' }, { name: 'n', clusterId: 'c' })
        console.log(JSON.stringify({ ok: true }))
      } catch (e) {
        console.log(JSON.stringify({ name: e.name, code: e.code, path: e.path, message: e.message }))
      }`
      const child = spawnSync(
        process.execPath,
        ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script],
        {
          uid: 65534,
          gid: 65534,
          cwd: resolve(import.meta.dirname, '..'),
          encoding: 'utf8',
        },
      )
      const last = child.stdout.trim().split('\n').at(-1) ?? ''
      expect(child.stderr).toBe('')
      const result = JSON.parse(last) as { name: string; code: string; path: string; message: string }
      expect(result.name).toBe('CertificateStorageError')
      expect(result.path).toMatch(new RegExp(`^${dir}/[0-9a-f-]{36}\\.key$`))
      expect(result.message).toContain('EACCES')
      expect(result.message).toContain(`make ${dir} writable`)
      expect(readdirSync(dir)).toEqual([])
    },
  )

  it('is what createCertStore("local:DIR") gives', () => {
    const store = createCertStore(`local:${root}`)
    expect(store).toBeInstanceOf(LocalCertStore)
    expect((store as LocalCertStore).dir).toBe(root)
    expect(() => createCertStore('local:')).toThrow(/local:DIR/)
    expect(() => createCertStore('vault')).toThrow(/"barbican", "store" or "local:DIR"/)
  })
})
