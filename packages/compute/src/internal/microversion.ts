import { compareMicroversions } from '@magnum-ts/auth'

/** True when microversion `a` is at least `b` (2.10 > 2.9); false when `a` is absent. */
export function atLeast(a: string | undefined, b: string): boolean {
  return a !== undefined && compareMicroversions(a, b) >= 0
}
