const GREEK = [
  'alpha',
  'beta',
  'gamma',
  'delta',
  'epsilon',
  'zeta',
  'eta',
  'theta',
  'iota',
  'kappa',
  'lambda',
  'mu',
  'nu',
  'xi',
  'omicron',
  'pi',
  'rho',
  'sigma',
  'tau',
  'upsilon',
  'phi',
  'chi',
  'psi',
  'omega',
]

/**
 * The name Magnum gives an unnamed template or cluster: `<greek letter>-<number>-<kind>`, e.g.
 * `sigma-42-cluster`. Always a valid cluster name.
 */
export function generateName(kind: 'template' | 'cluster', random: () => number = Math.random): string {
  const letter = GREEK[Math.floor(random() * GREEK.length)] ?? 'alpha'
  const number = Math.floor(random() * 1_000_000)
  return `${letter}-${number}-${kind}`
}
