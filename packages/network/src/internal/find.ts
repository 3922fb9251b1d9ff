import { AmbiguousResourceError, matchNameOrId, ResourceNotFoundError } from '@magnum-ts/auth'

/** Picks the one candidate `nameOrId` designates, or throws the typed error saying why not. */
export function pickOne<T extends { id: string; name?: string | null | undefined }>(
  candidates: readonly T[],
  nameOrId: string,
  resource: string,
  notFound: { available?: string[]; hint?: string } = {},
): T {
  const match = matchNameOrId(candidates, nameOrId)
  switch (match.kind) {
    case 'id':
    case 'name':
      return match.item
    case 'ambiguous':
      throw new AmbiguousResourceError({
        resource,
        searched: nameOrId,
        matches: match.items.map((m) => ({ id: m.id, name: m.name ?? '' })),
      })
    case 'none':
      throw new ResourceNotFoundError({ resource, searched: nameOrId, ...notFound })
  }
}
