import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql'

/**
 * Refuses an operation whose root type the schema does not define (a
 * `mutation` here): graphql-js 16 only finds out when it executes, and answers
 * an error without a code that reads as a server failure. As graphql-js 17's
 * `KnownOperationTypesRule`.
 */
export function knownOperationTypesRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema()
  return {
    OperationDefinition(node) {
      if (schema.getRootType(node.operation)) return
      context.reportError(new GraphQLError(`This server has no ${node.operation}s: the schema defines no ${node.operation} type.`, { nodes: node }))
    },
  }
}
