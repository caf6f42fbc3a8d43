import { buildSchema, isEnumType } from 'graphql'
import { describe, expect, it } from 'vitest'
import { loadTypeDefs } from '../../src/graphql/createServer.js'

const schema = buildSchema(loadTypeDefs().join('\n'))

describe('the Protocol enum', () => {
  it('has SparkLend as its own value beside Aave V3', () => {
    const protocol = schema.getType('Protocol')
    expect(isEnumType(protocol)).toBe(true)
    if (!isEnumType(protocol)) return
    const values = protocol.getValues().map((v) => v.name)
    expect(values).toContain('AAVE_V3')
    expect(values).toContain('SPARK')
    expect(protocol.getValue('SPARK')?.description).toMatch(/sparklend-1\.0\.0 \(aave 3\.0\.2\)/)
  })
})
