import { describe, expect, it } from 'vitest'
import { buildSchema, Kind, parse, validate, type OperationDefinitionNode } from 'graphql'
import { loadTypeDefs } from '../../src/graphql/createServer.js'
import { EXAMPLE_QUERIES, exampleTabs, optionLegsVariables, PLACEHOLDER_OWNER } from '../../web/src/exampleQueries.js'
import { fridayExpiryAfter, roundStrike } from '../../web/src/optionLegs.js'

/** The explorer's example tabs are valid operations of `schema/*.graphql`, with every required variable given. */
describe('explorer examples', () => {
  const schema = buildSchema(loadTypeDefs().join('\n'))

  it('covers the documented use cases, one tab each', () => {
    expect(EXAMPLE_QUERIES.map((e) => e.title)).toEqual([
      'Portfolio at a glance',
      'Liquidation distance',
      'Stress grid and worst cascade',
      'Historical and library scenarios',
      'Monte Carlo VaR and ES',
      'Option legs, portfolio margin and hedge',
      'What-if simulate',
      'Live health (subscription)',
    ])
    expect(exampleTabs({ owner: PLACEHOLDER_OWNER })).toHaveLength(EXAMPLE_QUERIES.length)
  })

  for (const example of EXAMPLE_QUERIES) {
    it(`${example.title}: one named operation that validates against the schema`, () => {
      const document = parse(example.query)
      expect(validate(schema, document).map((e) => e.message)).toEqual([])
      const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
      expect(operations).toHaveLength(1)
      const [operation] = operations
      expect(operation!.name?.value).toMatch(/^[A-Z]\w+$/)
      expect(operation!.operation).toBe(example.subscription ? 'subscription' : 'query')
      // every required variable has a value, with or without a known debt line to repay
      const required = (operation!.variableDefinitions ?? []).filter((v) => v.type.kind === Kind.NON_NULL_TYPE && !v.defaultValue).map((v) => v.variable.name.value)
      for (const context of [{ owner: PLACEHOLDER_OWNER }, { owner: PLACEHOLDER_OWNER, repay: { venueId: 'aave-v3:1:0x1', asset: 'USDC', amount: '1' } }]) {
        const variables = example.variables(context)
        for (const name of required) expect(variables, `${example.title} needs $${name}`).toHaveProperty(name)
        expect(variables['owner']).toBe(PLACEHOLDER_OWNER)
      }
    })
  }

  it('the option-legs example sends an at-the-money ETH put expiring on a Friday 08:00 UTC at least four weeks ahead, and a put of the same terms to size', () => {
    const nowMs = Date.parse('2026-12-03T21:08:50Z')
    const variables = optionLegsVariables({ owner: PLACEHOLDER_OWNER, nowMs, eth: { priceUsd: 3_013.8, netUnits: 59.4, worstLossUsd: 14_124.59 } })
    expect(variables).toEqual({
      owner: PLACEHOLDER_OWNER,
      legs: [{ id: 'eth-put', riskFactor: 'ETH', right: 'PUT', strike: 3_000, expiry: '2027-01-01T08:00:00Z', size: 15, impliedVolatility: 0.6 }],
      hedge: { riskFactor: 'ETH', strike: 3_000, expiry: '2027-01-01T08:00:00Z', impliedVolatility: 0.6, maxLossUsd: 12_000 },
    })
    // without a read of the wallet: the devnet's figures, and still an expiry ahead of now
    const placeholder = optionLegsVariables({ owner: PLACEHOLDER_OWNER }) as { legs: { expiry: string }[] }
    expect(Date.parse(placeholder.legs[0]!.expiry)).toBeGreaterThan(Date.now() + 28 * 86_400_000)
  })

  it('expiries fall on the first Friday 08:00 UTC at least the given days ahead; strikes round to two significant digits', () => {
    // Friday 2027-01-01 07:59 + 0 days: that same Friday; at 08:01, the next one
    expect(fridayExpiryAfter(Date.parse('2027-01-01T07:59:00Z'), 0)).toBe('2027-01-01T08:00:00Z')
    expect(fridayExpiryAfter(Date.parse('2027-01-01T08:01:00Z'), 0)).toBe('2027-01-08T08:00:00Z')
    expect(fridayExpiryAfter(Date.parse('2026-12-03T21:08:50Z'), 28)).toBe('2027-01-01T08:00:00Z')
    expect([3_013.8, 91_250, 137.96, 0.5].map(roundStrike)).toEqual([3_000, 91_000, 140, 0.5])
  })
})
