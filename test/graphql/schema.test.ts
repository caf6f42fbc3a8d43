import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLNamedType,
} from 'graphql'
import { describe, expect, it } from 'vitest'
import { createApolloServer, loadTypeDefs } from '../../src/graphql/createServer.js'
import type { GraphqlContext } from '../../src/graphql/context.js'

const sdlSchema = buildSchema(loadTypeDefs().join('\n'))

/** Every place a description belongs that has none, as `Type.field(arg)` paths. */
function missingDescriptions(type: GraphQLNamedType): string[] {
  const missing: string[] = []
  const lacks = (description: string | null | undefined) => !description?.trim()
  if (lacks(type.description)) missing.push(type.name)
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      if (lacks(field.description)) missing.push(`${type.name}.${field.name}`)
      for (const arg of 'args' in field ? field.args : []) {
        if (lacks(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name})`)
      }
    }
  }
  if (isEnumType(type)) {
    for (const value of type.getValues()) if (lacks(value.description)) missing.push(`${type.name}.${value.name}`)
  }
  return missing
}

describe('schema/*.graphql', () => {
  it('describes every type, field, argument and enum value', () => {
    const types = Object.values(sdlSchema.getTypeMap()).filter(
      (type) => !type.name.startsWith('__') && !isSpecifiedScalarType(type),
    )

    expect(types.length).toBeGreaterThan(20)
    expect(types.flatMap(missingDescriptions)).toEqual([])
  })

  it('serves the SDL descriptions of the custom scalars (the scalar objects must not replace them)', async () => {
    const server = createApolloServer()
    await server.start()
    try {
      const response = await server.executeOperation(
        { query: '{ address: __type(name: "Address") { description specifiedByURL } bigInt: __type(name: "BigInt") { description } }' },
        { contextValue: {} as GraphqlContext },
      )
      expect(response.body).toMatchObject({
        kind: 'single',
        singleResult: {
          data: {
            address: {
              description: sdlSchema.getType('Address')?.description,
              specifiedByURL: 'https://eips.ethereum.org/EIPS/eip-55',
            },
            bigInt: { description: sdlSchema.getType('BigInt')?.description },
          },
        },
      })
    } finally {
      await server.stop()
    }
  })
})
