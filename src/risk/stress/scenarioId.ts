import type { RiskFactorId } from '../../domain/riskFactor.js'

/**
 * The id of a scenario whose moves depend on the request or the wallet (a
 * caller's scenario, a grid line on a caller's scan range, a library
 * scenario over the factors a wallet holds): its readable `key` and a hash of
 * what it moves, `key#1a2b3c4d`. Two scenarios with one id move the same
 * factors by the same amounts with the same weight, so a client that caches
 * objects by id (Apollo Client, urql's graphcache) never mixes two of them.
 * The hash is 32-bit FNV-1a over the moves sorted by factor (each to 12
 * significant digits) and the weight.
 */
export function scenarioId(key: string, moves: Readonly<Record<RiskFactorId, number>>, weight: number): string {
  const content = `${Object.keys(moves)
    .sort()
    .map((f) => `${f}=${moves[f]!.toPrecision(12)}`)
    .join(',')};w=${weight.toPrecision(12)}`
  let hash = 0x811c9dc5
  for (let i = 0; i < content.length; i++) {
    hash ^= content.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return `${key}#${hash.toString(16).padStart(8, '0')}`
}
