/** One DER element: its tag byte and where its header and contents lie in the buffer. */
export interface DerElement {
  tag: number
  start: number
  contentStart: number
  end: number
}

/** Reads the element at `offset`; throws on truncated or indefinite/oversized lengths. */
export function readElement(buf: Uint8Array, offset: number, limit = buf.length): DerElement {
  if (offset + 2 > limit) throw new Error('truncated DER element')
  const tag = buf[offset]!
  if ((tag & 0x1f) === 0x1f) throw new Error('multi-byte DER tags are not used in CSRs')
  let length = buf[offset + 1]!
  let contentStart = offset + 2
  if (length & 0x80) {
    const count = length & 0x7f
    if (count === 0 || count > 4) throw new Error('unsupported DER length')
    if (contentStart + count > limit) throw new Error('truncated DER length')
    length = 0
    for (let i = 0; i < count; i++) length = length * 256 + buf[contentStart + i]!
    contentStart += count
  }
  const end = contentStart + length
  if (end > limit) throw new Error('DER element runs past its container')
  return { tag, start: offset, contentStart, end }
}

/** The elements directly inside a constructed element. */
export function children(buf: Uint8Array, parent: DerElement): DerElement[] {
  const out: DerElement[] = []
  let at = parent.contentStart
  while (at < parent.end) {
    const el = readElement(buf, at, parent.end)
    out.push(el)
    at = el.end
  }
  return out
}

/** The exact bytes of an element (header included). */
export function bytesOf(buf: Uint8Array, el: DerElement): Uint8Array {
  return buf.subarray(el.start, el.end)
}
