import { describe, expect, it } from 'vitest'
import { MORPHO_GOVERNANCE_LLTVS, plainGenerationSize, plainMarketSpec } from './plainMorphoMarketSpec.js'

const key = (s: ReturnType<typeof plainMarketSpec>) => `${s.collateral} ${s.loan} ${s.oracleKind} ${s.lltv} ${s.irm}`

describe('plain Morpho market numbers', () => {
  it('give distinct parameters across generations, never a token against itself, only governance LLTVs', () => {
    const tokens = 9
    const count = 2 * plainGenerationSize(tokens) + 500
    const seen = new Set<string>()
    for (let n = 0; n < count; n++) {
      const s = plainMarketSpec(tokens, n)
      expect(s.collateral).not.toBe(s.loan)
      expect(s.loan).toBeLessThan(tokens)
      expect(MORPHO_GOVERNANCE_LLTVS).toContain(s.lltv)
      seen.add(key(s))
    }
    expect(seen.size).toBe(count)
  })

  it('mix every pair, oracle kind, LLTV and the generation\'s IRMs within the first thousand', () => {
    const specs = Array.from({ length: 1_000 }, (_, n) => plainMarketSpec(9, n))
    expect(new Set(specs.map((s) => `${s.collateral} ${s.loan}`)).size).toBe(72)
    expect(new Set(specs.map((s) => s.oracleKind))).toEqual(new Set(['feedRatio', 'fixedPrice']))
    expect(new Set(specs.map((s) => s.lltv)).size).toBe(MORPHO_GOVERNANCE_LLTVS.length)
    expect(new Set(specs.map((s) => s.irm))).toEqual(new Set([0, 1, 2, 3]))
  })

  it('are the same market for the same number (no state)', () => {
    expect(plainMarketSpec(4, 123)).toEqual(plainMarketSpec(4, 123))
    expect(() => plainMarketSpec(1, 0)).toThrow(RangeError)
    expect(() => plainMarketSpec(4, -1)).toThrow(RangeError)
  })
})
