/** The array under `key` in a list body; an absent key is an empty page. */
export function itemsOf<T>(body: unknown, key: string): T[] {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined
  return Array.isArray(value) ? (value as T[]) : []
}
