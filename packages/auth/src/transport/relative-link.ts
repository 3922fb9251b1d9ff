/**
 * Resolves a root-relative link (`/v2/images?marker=…`, as Glance and Barbican hand out)
 * against a catalog endpoint that may already end in part of that path
 * (`http://glance/v2`, `http://host/image`): the overlap is counted once, so no `/v2/v2`.
 */
export function resolveRelativeLink(endpoint: string, link: string): string {
  const base = new URL(endpoint)
  const target = new URL(link, base.origin)
  const baseSegments = base.pathname.split('/').filter(Boolean)
  const linkSegments = target.pathname.split('/').filter(Boolean)
  let overlap = 0
  for (let k = Math.min(baseSegments.length, linkSegments.length); k > 0; k--) {
    if (baseSegments.slice(-k).join('/') === linkSegments.slice(0, k).join('/')) {
      overlap = k
      break
    }
  }
  base.pathname = `/${[...baseSegments, ...linkSegments.slice(overlap)].join('/')}`
  base.search = target.search
  return base.toString()
}
