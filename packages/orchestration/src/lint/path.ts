const PLAIN = /^[A-Za-z_][A-Za-z0-9_-]*$/

/** Appends a key to a dotted path: `a.b`, `a["x.yaml"]`, `a[0]`. */
export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`
  if (!PLAIN.test(key)) return `${path}[${JSON.stringify(key)}]`
  return path ? `${path}.${key}` : key
}
