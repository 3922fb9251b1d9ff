/** What a name-or-id lookup found among candidates. */
export type NameOrIdMatch<T> =
  | { kind: 'id'; item: T }
  | { kind: 'name'; item: T }
  | { kind: 'ambiguous'; items: T[] }
  | { kind: 'none' }

/**
 * Matches `nameOrId` against candidates the way the OpenStack CLI does: an exact id wins
 * (ids are unique), otherwise exactly one exact name; several equal names are ambiguous
 * rather than "the first one", because picking silently builds clusters on the wrong thing.
 */
export function matchNameOrId<T extends { id?: string | undefined; name?: string | null | undefined }>(
  candidates: readonly T[],
  nameOrId: string,
): NameOrIdMatch<T> {
  const byId = candidates.find((c) => c.id === nameOrId)
  if (byId) return { kind: 'id', item: byId }
  const byName = candidates.filter((c) => c.name === nameOrId)
  if (byName.length === 1) return { kind: 'name', item: byName[0]! }
  if (byName.length > 1) return { kind: 'ambiguous', items: byName }
  return { kind: 'none' }
}

/** True when a string has the shape of a UUID (with or without dashes), as OpenStack ids do. */
export function looksLikeUuid(value: string): boolean {
  return /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(value)
}
