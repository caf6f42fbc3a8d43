import { describe, expect, it } from 'vitest'
import { buildSchema, Kind, parse, validate, type OperationDefinitionNode } from 'graphql'
import { loadTypeDefs } from '../../src/graphql/createServer.js'
import { EXAMPLE_QUERIES, exampleTabs, PLACEHOLDER_OWNER } from '../../web/src/exampleQueries.js'

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
})
