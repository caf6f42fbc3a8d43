import { describe, expect, it } from 'vitest'
import { checkArguments } from '../graphql/arguments.js'
import { InvalidArgumentError } from '../errors/index.js'
import { MAX_OPTION_LEGS } from './inputBounds.js'
import { toOptionLegs } from './requestOptions.js'

const OWNER = '0x0000000000000000000000000000000000000001'
const NOW = Date.UTC(2026, 11, 3, 12) / 1000
const put = { riskFactor: 'ETH', right: 'PUT' as const, strike: 2_000, expiry: '2027-03-26T08:00:00Z', size: 10, impliedVolatility: 0.7 }

/** The argument and reason a bad leg is refused with. */
function refusal(legs: readonly Record<string, unknown>[]): { argument: string; message: string } {
  try {
    checkArguments('portfolio', { owner: OWNER, optionLegs: legs })
    toOptionLegs(legs as Parameters<typeof toOptionLegs>[0], NOW)
  } catch (error) {
    if (error instanceof InvalidArgumentError) return { argument: error.argument, message: error.message }
    throw error
  }
  throw new Error('the legs were accepted')
}

describe('option legs out of range are refused naming the leg and the field', () => {
  it.each([
    ['a negative strike', { strike: -1 }, 'optionLegs[0].strike', /positive USD price/],
    ['a zero strike', { strike: 0 }, 'optionLegs[0].strike', /positive/],
    ['a zero size', { size: 0 }, 'optionLegs[0].size', /nonzero/],
    ['an absurd size', { size: 1e12 }, 'optionLegs[0].size', /units/],
    ['a zero volatility', { impliedVolatility: 0 }, 'optionLegs[0].impliedVolatility', /positive annualized/],
    ['a negative volatility', { impliedVolatility: -0.2 }, 'optionLegs[0].impliedVolatility', /positive annualized/],
    ['no volatility at all', { impliedVolatility: null }, 'optionLegs[0].impliedVolatility', /impliedVolatility or smile/],
    ['both a flat vol and a smile', { smile: [{ strike: 1_000, impliedVolatility: 0.8 }, { strike: 3_000, impliedVolatility: 0.6 }] }, 'optionLegs[0].impliedVolatility', /one of them/],
    ['a smile with descending strikes', { impliedVolatility: null, smile: [{ strike: 3_000, impliedVolatility: 0.6 }, { strike: 1_000, impliedVolatility: 0.8 }] }, 'optionLegs[0].smile', /ascending/],
    ['a smile point with zero vol', { impliedVolatility: null, smile: [{ strike: 1_000, impliedVolatility: 0 }, { strike: 3_000, impliedVolatility: 0.6 }] }, 'optionLegs[0].smile[0].impliedVolatility', /positive/],
    ['a rate out of range', { rate: 2 }, 'optionLegs[0].rate', /\[−1, 1\]/],
    ['a negative forward', { forward: -5 }, 'optionLegs[0].forward', /positive/],
    ['an expiry in the past', { expiry: '2026-01-01T08:00:00Z' }, 'optionLegs[0].expiry', /not after the valuation time 2026-12-03T12:00:00.000Z/],
    ['an expiry at the valuation time', { expiry: '2026-12-03T12:00:00Z' }, 'optionLegs[0].expiry', /not after/],
    ['an expiry without a zone', { expiry: '2027-03-26T08:00:00' }, 'optionLegs[0].expiry', /ISO-8601/],
    ['an expiry that is not a date', { expiry: 'next friday' }, 'optionLegs[0].expiry', /ISO-8601/],
    ['an expiry 20 years ahead', { expiry: '2046-12-03T12:00:00Z' }, 'optionLegs[0].expiry', /10 years/],
  ])('%s', (_name, change, argument, reason) => {
    const r = refusal([{ ...put, ...change }])
    expect(r.argument).toBe(argument)
    expect(r.message).toMatch(reason)
  })

  it('a labelled leg is named by its label, others by their index', () => {
    expect(refusal([put, { ...put, id: 'hedge', strike: -3 }]).argument).toBe('optionLegs[hedge].strike')
    expect(refusal([put, { ...put, size: 0 }]).argument).toBe('optionLegs[1].size')
    expect(refusal([{ ...put, id: 'a' }, { ...put, id: 'a' }]).argument).toBe('optionLegs[a].id')
  })

  it(`more than ${MAX_OPTION_LEGS} legs are refused`, () => {
    const r = refusal(Array.from({ length: MAX_OPTION_LEGS + 1 }, () => put))
    expect(r.argument).toBe('optionLegs')
    expect(r.message).toMatch(`at most ${MAX_OPTION_LEGS}`)
  })

  it('legs in range become the engine\'s legs: expiry in unix seconds, default labels, flat or smile volatility', () => {
    const legs = [put, { ...put, id: 'smiley', right: 'CALL' as const, size: -2, impliedVolatility: null, smile: [{ strike: 1_000, impliedVolatility: 0.8 }, { strike: 3_000, impliedVolatility: 0.6 }], forward: 2_050, rate: 0.03 }]
    checkArguments('portfolio', { owner: OWNER, optionLegs: legs })
    expect(toOptionLegs(legs, NOW)).toEqual([
      { id: 'leg[0]', riskFactor: 'ETH', right: 'PUT', strikeUsd: 2_000, expiry: Date.UTC(2027, 2, 26, 8) / 1000, size: 10, impliedVolatility: { kind: 'flat', volatility: 0.7 } },
      {
        id: 'smiley',
        riskFactor: 'ETH',
        right: 'CALL',
        strikeUsd: 2_000,
        expiry: Date.UTC(2027, 2, 26, 8) / 1000,
        size: -2,
        impliedVolatility: { kind: 'smile', points: [{ strike: 1_000, volatility: 0.8 }, { strike: 3_000, volatility: 0.6 }] },
        forwardUsd: 2_050,
        rate: 0.03,
      },
    ])
  })
})
