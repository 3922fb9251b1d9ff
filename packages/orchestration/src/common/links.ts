/** A `links` entry as Heat returns it on stacks, resources and events. */
export interface Link {
  href: string
  rel: string
}

/** The href of the first link with the given rel, if any. */
export function linkHref(links: readonly Link[] | undefined, rel: string): string | undefined {
  return links?.find((l) => l.rel === rel)?.href
}
