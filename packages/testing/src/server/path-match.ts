/** A compiled path pattern like `/servers/:id/action`. */
export interface PathPattern {
  source: string
  regex: RegExp
  names: string[]
}

/** Compiles `/a/:id/b` (`:name` matches one segment) into a matcher. */
export function compilePath(source: string): PathPattern {
  const names: string[] = []
  const body = source
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        names.push(segment.slice(1))
        return '([^/]+)'
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    })
    .join('/')
  return { source, regex: new RegExp(`^${body}/?$`), names }
}

/** The parameters of a path that matches the pattern, or undefined. */
export function matchPath(pattern: PathPattern, path: string): Record<string, string> | undefined {
  const m = pattern.regex.exec(path)
  if (!m) return undefined
  const params: Record<string, string> = {}
  pattern.names.forEach((name, i) => {
    params[name] = decodeURIComponent(m[i + 1] ?? '')
  })
  return params
}
