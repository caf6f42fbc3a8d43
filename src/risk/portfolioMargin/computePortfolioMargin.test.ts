import normalCdf from '@stdlib/stats-base-dists-normal-cdf'
import { describe, expect, it } from 'vitest'
import type { SpanParameters } from '../../domain/portfolioMargin.js'
import { InvalidArgumentError } from '../../errors/index.js'
import type { Book, ScanScenario } from './book.js'
import { computePortfolioMargin } from './computePortfolioMargin.js'
import { CME_EXTREME_MOVE, shiftVolatility, toSpanParameters } from './spanParameters.js'

/** Test builder: a book linear in each factor, value = cash + Σ_f exposureUsd_f · move_f. USD. */
function aLinearBook(id: string, exposureUsd: Record<string, number>, cashUsd = 0): Book {
  return { id, value: (s) => Object.entries(exposureUsd).reduce((v, [f, x]) => v + x * (s.priceMoves.get(f) ?? 0), cashUsd) }
}

const testRange = (riskFactor: string, scanRange: number) => ({ riskFactor, scanRange, source: 'test' })

/**
 * McMillan, "Options as a Strategic Investment", 5th ed., ch. 34 "Futures and
 * Futures Options", pp. 668–670 (stored copies of the book's text:
 * https://git.rushg.me/rushabh/ollama-model-training-5060ti/raw/commit/619e87aacc778504132ad275d9d42b2f50f4717d/training_data/curated/text/1e1460520c54ce0a862bcb0667a9a74565dd8b1816a311391e309b3091c2626e.txt (p. 668),
 * …/7d507b8701e8320ae796141caa152379017059b71236d0e43d8741666a49ce82.txt (p. 669),
 * …/raw/branch/main/training_data/curated/text/eaa2ffd92bca331eae3e917a1d6ee9157620637a44ce4ac68af080caef9591b0.txt (p. 670)).
 * An S&P 500 future, $500 per point; the exchange's maintenance margin
 * $10,000 "represents a 20-point move by the futures"; "an 'extreme' move is
 * 14 points, or $7,000 of risk" (2 × 20 points × 35%). Arrays are printed as
 * potential profit/loss (profit positive), rounded to $10, in SPAN's
 * scenario order; the two extreme rows are the amounts counted (35%).
 */
const MCMILLAN = {
  pointUsd: 500,
  scanRangePoints: 20,
  /** p. 671: "assume the futures were at 408"; the risk array does not depend on it (p. 668). */
  futuresPrice: 408,
  longFuture: [0, 0, 3_330, 3_330, -3_330, -3_330, 6_670, 6_670, -6_670, -6_670, 10_000, 10_000, -10_000, -10_000, 7_000, -7_000],
  longDec410Call: [460, -610, 2_640, 1_730, -1_270, -2_340, 5_210, 4_540, -2_540, -3_430, 8_060, 7_640, -3_380, -3_990, 3_130, -1_500],
  coveredWrite: [-460, 610, 690, 1_600, -2_060, -990, 1_460, 2_130, -4_130, -3_240, 1_940, 2_360, -6_620, -6_010, 3_870, -5_500],
  /** The rows' scenarios as McMillan labels them: futures move in thirds of the range, volatility up (+1) or down (−1); the extreme rows at ±6/3. */
  rows: [[0, 1], [0, -1], [1, 1], [1, -1], [-1, 1], [-1, -1], [2, 1], [2, -1], [-2, 1], [-2, -1], [3, 1], [3, -1], [-3, 1], [-3, -1], [6, 0], [-6, 0]],
} as const

const SP = 'SP500'
const spParameters: SpanParameters = toSpanParameters([testRange(SP, MCMILLAN.scanRangePoints / MCMILLAN.futuresPrice)])

/** One S&P 500 future: $500 × the futures price × the relative move. */
const longFuture = aLinearBook('long future', { [SP]: MCMILLAN.pointUsd * MCMILLAN.futuresPrice })

/**
 * A book whose profit/loss per scenario is a printed risk array (McMillan's
 * call): the scenario's row is found from its move in thirds of the range and
 * its volatility shift; an extreme row's printed figure is the 35% counted,
 * so the book's value there is the printed figure / 0.35.
 */
function aPrintedArrayBook(id: string, profitUsd: readonly number[], sign: 1 | -1): Book {
  return {
    id,
    value: (s: ScanScenario) => {
      const thirds = Math.round(((s.priceMoves.get(SP) ?? 0) / (MCMILLAN.scanRangePoints / MCMILLAN.futuresPrice)) * 3)
      const vol = s.volShifts.get(SP) ?? 0
      const row = MCMILLAN.rows.findIndex(([t, v]) => t === thirds && v === vol)
      if (thirds === 0 && vol === 0) return 0
      const printed = profitUsd[row]
      if (printed === undefined) throw new TypeError(`no printed row for ${thirds}/3, volatility ${vol}`)
      return sign * (Math.abs(thirds) === 6 ? printed / CME_EXTREME_MOVE.coverFraction : printed)
    },
  }
}

/** Profit/loss per scenario as McMillan prints it: −loss, and for the extreme rows −(the loss counted). */
const printedFigures = (scenarios: readonly { lossUsd: number; weightedLossUsd: number; id: number }[]) => scenarios.map((s) => (s.id >= 15 ? -s.weightedLossUsd : -s.lossUsd))

describe('computePortfolioMargin: McMillan\'s SPAN worked example (Options as a Strategic Investment, pp. 668–670)', () => {
  it('reproduces the long future\'s printed risk array from the position (within the $10 printing)', () => {
    const m = computePortfolioMargin([longFuture], spParameters)
    const [factor] = m.factors
    expect(factor?.scenarios.map((s) => s.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])
    const figures = printedFigures(factor?.scenarios ?? [])
    figures.forEach((x, i) => expect(Math.abs(x - (MCMILLAN.longFuture[i] ?? NaN))).toBeLessThanOrEqual(5))
    // "The SPAN requirement is always the largest potential loss from the array": the full range down
    expect(m.requirementUsd).toBe(10_000)
    expect(factor?.worstScenario).toMatchObject({ id: 13, priceScanFraction: -1, volatilityShift: 1 })
    expect(factor?.scenarios[14]).toMatchObject({ id: 15, priceScanFraction: 2, volatilityShift: 0, weight: 0.35, lossUsd: -20_000, weightedLossUsd: -7_000 })
  })

  it('long Dec 410 call: requirement $3,990, "futures down three-thirds; volatility down"', () => {
    const m = computePortfolioMargin([aPrintedArrayBook('long Dec 410 call', MCMILLAN.longDec410Call, 1)], spParameters)
    expect(m.requirementUsd).toBe(3_990)
    expect(m.setBy).toMatchObject({ kind: 'span', factors: [{ kind: 'scenario', riskFactor: SP, scenario: { id: 14, label: 'SP500 down 3/3 of the price scan range; volatility down' } }] })
    expect(printedFigures(m.factors[0]?.scenarios ?? [])).toEqual(MCMILLAN.longDec410Call.map((x) => expect.closeTo(x, 9)))
  })

  it('covered write (long the future, short the Dec 410 call): requirement $6,620, "futures down three-thirds; volatility up"', () => {
    const m = computePortfolioMargin([longFuture, aPrintedArrayBook('short Dec 410 call', MCMILLAN.longDec410Call, -1)], spParameters)
    expect(m.requirementUsd).toBe(6_620)
    expect(m.spanRequirementUsd).toBe(6_620)
    expect(m.setBy).toMatchObject({ kind: 'span', factors: [{ kind: 'scenario', riskFactor: SP, scenario: { id: 13, label: 'SP500 down 3/3 of the price scan range; volatility up' } }] })
    printedFigures(m.factors[0]?.scenarios ?? []).forEach((x, i) => expect(Math.abs(x - (MCMILLAN.coveredWrite[i] ?? NaN))).toBeLessThanOrEqual(5))
    expect(m.equityUsd).toBe(0)
    expect(m.marginRatio).toBe(0)
  })
})

/** Black-76 put value per unit of underlying, USD (rate 0): K·N(−d2) − F·N(−d1). */
function black76Put(forwardUsd: number, strikeUsd: number, volatility: number, years: number): number {
  const s = volatility * Math.sqrt(years)
  const d1 = (Math.log(forwardUsd / strikeUsd) + (s * s) / 2) / s
  return strikeUsd * normalCdf(-(d1 - s), 0, 1) - forwardUsd * normalCdf(-d1, 0, 1)
}

describe('computePortfolioMargin: short option minimum', () => {
  const btc = toSpanParameters([testRange('BTC', 0.066)])
  const forwardUsd = 100_000
  const years = 30 / 365
  const vol = 0.5

  it('binds for a deep out-of-the-money short put book: 1% of the notional short, above its scanning risk', () => {
    // short 10 BTC puts struck at half the forward: worth little, and little to lose within ±13.2%
    const shortPuts: Book = {
      id: 'short puts',
      value: (s) => -10 * black76Put(forwardUsd * (1 + (s.priceMoves.get('BTC') ?? 0)), 50_000, shiftVolatility(vol, s.volShifts.get('BTC') ?? 0, btc.factors[0]!.volatilityScanRange), years),
      shortOptions: new Map([['BTC', { callsUsd: 0, putsUsd: 10 * forwardUsd }]]),
    }
    const m = computePortfolioMargin([shortPuts], btc)
    const [f] = m.factors
    expect(f?.scanningRiskUsd).toBeGreaterThan(0)
    expect(f?.scanningRiskUsd).toBeLessThan(1_000)
    expect(f?.shortOptionMinimum).toEqual({ riskFactor: 'BTC', shortCallNotionalUsd: 0, shortPutNotionalUsd: 1_000_000, rate: 0.01, chargeUsd: 10_000 })
    expect(m.requirementUsd).toBe(10_000)
    expect(m.setBy).toMatchObject({ kind: 'span', factors: [{ kind: 'shortOptionMinimum', riskFactor: 'BTC' }] })
  })

  it('charges the greater of the short calls and the short puts, not their sum (CME Advisory 99-65)', () => {
    const strangle: Book = { id: 'short strangle', value: () => 0, shortOptions: new Map([['BTC', { callsUsd: 600_000, putsUsd: 1_000_000 }]]) }
    expect(computePortfolioMargin([strangle], btc).shortOptionMinimumUsd).toBe(10_000)
  })

  it('names a factor with short options but no scan parameters instead of charging it', () => {
    const m = computePortfolioMargin([{ id: 'arb puts', value: () => 0, shortOptions: new Map([['ARB', { callsUsd: 0, putsUsd: 5_000 }]]) }], btc)
    expect(m.unscannedFactors).toEqual(['ARB'])
    expect(m.requirementUsd).toBe(0)
    expect(m.setBy).toEqual({ kind: 'none' })
    expect(m.marginRatio).toBeNull()
  })
})

describe('computePortfolioMargin: factors and the all-factor scan', () => {
  it('adds the factors\' scanning risks, and a hedge on one factor does not offset another (no inter-commodity credit)', () => {
    const p = toSpanParameters([testRange('BTC', 0.066), testRange('ETH', 0.066)])
    const m = computePortfolioMargin([aLinearBook('a', { BTC: 100_000, ETH: -100_000 }, 50_000)], p)
    expect(m.factors.map((f) => f.scanningRiskUsd)).toEqual([expect.closeTo(6_600, 9), expect.closeTo(6_600, 9)])
    expect(m.requirementUsd).toBeCloseTo(13_200, 9)
    // the correlated move nets the two legs: SPAN's per-factor sum sets the requirement
    expect(m.allFactors.worstLossUsd).toBeCloseTo(0, 9)
    expect(m.setBy.kind).toBe('span')
    expect(m.equityUsd).toBe(50_000)
    expect(m.marginRatio).toBeCloseTo(50_000 / 13_200, 12)
  })

  it('an LST debt (ETH × WSTETH_ETH, not separable) loses more when both factors rise together: the all-factor scan sets the requirement', () => {
    const p = toSpanParameters([testRange('ETH', 0.066), testRange('WSTETH_ETH', 0.02)])
    // 100,000 USD of wstETH borrowed: value = −100,000·((1 + m_ETH)(1 + m_ratio) − 1)
    const lstDebt: Book = { id: 'wstETH debt', value: (s) => -100_000 * ((1 + (s.priceMoves.get('ETH') ?? 0)) * (1 + (s.priceMoves.get('WSTETH_ETH') ?? 0)) - 1) }
    const m = computePortfolioMargin([lstDebt], p)
    expect(m.spanRequirementUsd).toBeCloseTo(6_600 + 2_000, 9)
    expect(m.allFactors.worstLossUsd).toBeCloseTo(100_000 * (1.066 * 1.02 - 1), 9)
    expect(m.requirementUsd).toBeCloseTo(8_732, 9)
    expect(m.setBy).toMatchObject({ kind: 'allFactors', scenario: { id: 11, label: 'All factors up 3/3 of the price scan range; volatility up', priceMoves: { ETH: 0.066, WSTETH_ETH: 0.02 } } })
  })

  it('takes the extreme multiple and cover fraction as parameters (3× at 33%, as CME\'s 2008 Gasoil options)', () => {
    const p = toSpanParameters([testRange('ETH', 0.1)], { extremeMove: { multiple: 3, coverFraction: 0.33 } })
    const m = computePortfolioMargin([aLinearBook('a', { ETH: 10_000 })], p)
    expect(m.factors[0]?.scenarios[15]).toMatchObject({ id: 16, priceScanFraction: -3, weight: 0.33, priceMoves: { ETH: expect.closeTo(-0.3, 12) }, lossUsd: expect.closeTo(3_000, 9), weightedLossUsd: expect.closeTo(990, 9), label: 'ETH down extreme move (3× the price scan range; 33% of the loss counted)' })
    expect(m.requirementUsd).toBeCloseTo(1_000, 9)
  })

  it('moves only the scanned factor in its own scenarios, with volatility shifted for that factor alone', () => {
    const seen: ScanScenario[] = []
    computePortfolioMargin([{ id: 'spy', value: (s) => (seen.push(s), 0) }], toSpanParameters([testRange('BTC', 0.066), testRange('ETH', 0.066)]))
    // 1 unchanged + 16 per factor × 2 + 16 all-factor
    expect(seen).toHaveLength(49)
    const btc13 = seen[1 + 12]
    expect(Object.fromEntries(btc13?.priceMoves ?? [])).toEqual({ BTC: -0.066 })
    expect(Object.fromEntries(btc13?.volShifts ?? [])).toEqual({ BTC: 1 })
    expect(Object.fromEntries(seen[1 + 32 + 15]?.priceMoves ?? [])).toEqual({ BTC: -0.132, ETH: -0.132 })
    expect(seen[1 + 32 + 15]?.volShifts.size).toBe(0)
  })

  it('refuses parameters out of range, naming the factor and field', () => {
    expect(() => toSpanParameters([testRange('ETH', 0)])).toThrow(InvalidArgumentError)
    expect(() => toSpanParameters([testRange('ETH', 0.066), testRange('ETH', 0.07)])).toThrow(/scanParameters\[ETH\]/)
    expect(() => toSpanParameters([testRange('SOL', 0.4)], { extremeMove: { multiple: 3, coverFraction: 0.35 } })).toThrow(/scanParameters\[SOL\]\.priceScanRange/)
    expect(() => toSpanParameters([testRange('ETH', 0.066)], { volatilityScanRange: { ETH: { up: 0.5, down: 1 } } })).toThrow(/volatilityScanRange\.down/)
  })
})

describe('shiftVolatility', () => {
  it('moves implied volatility by the relative scan range, up and down', () => {
    const range = { up: 0.5, down: 0.25 }
    expect(shiftVolatility(0.6, 1, range)).toBeCloseTo(0.9, 12)
    expect(shiftVolatility(0.6, -1, range)).toBeCloseTo(0.45, 12)
    expect(shiftVolatility(0.6, 0, range)).toBe(0.6)
  })
})
