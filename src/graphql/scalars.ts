import { GraphQLScalarType, Kind, type ValueNode } from 'graphql'
import { getAddress, type Address } from 'viem'
import { BaseError } from '../errors/index.js'

/** Longest piece of user input any message quotes back. */
const MAX_ECHO_CHARS = 64

/** Custom scalars of the schema (`schema/scalars.graphql`). */
export type ScalarName = 'Address' | 'BigInt'

/**
 * A value sent for a custom scalar that the scalar does not accept. Mapped to
 * `BAD_USER_INPUT`; the message says what is wrong and quotes at most
 * 64 characters of the input.
 */
export class InvalidScalarValueError extends BaseError {
  override name = 'InvalidScalarValueError'
  constructor(
    readonly scalar: ScalarName,
    reason: string,
  ) {
    super(`Invalid ${scalar}: ${reason}`)
  }
}

/**
 * A value our own resolvers returned for a custom scalar that the scalar
 * cannot represent: a server bug, mapped to `INTERNAL_SERVER_ERROR`.
 */
export class ScalarSerializationError extends BaseError {
  override name = 'ScalarSerializationError'
  constructor(readonly scalar: ScalarName) {
    super(`A resolver returned a value that is not a valid ${scalar}.`)
  }
}

/**
 * `Address`: input is `0x` + 40 hex characters in one case, or mixed case with
 * a valid EIP-55 checksum; the parsed value and all output are checksummed.
 */
export const AddressScalar = new GraphQLScalarType<Address, Address>({
  name: 'Address',
  // graphql-tools copies this over the SDL's description: keep the two equal (test/graphql/schema.test.ts checks).
  description: [
    'A 20-byte EVM account or contract address: `0x` followed by 40 hex characters.',
    'Input may be all lowercase, all uppercase or mixed case; mixed case must carry a',
    'valid EIP-55 checksum (a wrong checksum usually means a typo and is rejected).',
    'Output is always EIP-55 checksummed.',
  ].join('\n'),
  specifiedByURL: 'https://eips.ethereum.org/EIPS/eip-55',
  serialize: (value) => {
    // Output comes from our own domain objects: a bad value is a server bug, never user input.
    if (typeof value !== 'string' || !ADDRESS_PATTERN.test(value)) throw new ScalarSerializationError('Address')
    return getAddress(value)
  },
  parseValue: (value) => toAddress(value),
  parseLiteral: (node) => toAddress(literalString(node, 'Address')),
})

/**
 * `BigInt`: a base-10 string both ways (`"-12"`, `"1000000000000000000"`),
 * parsed to `bigint`.
 */
export const BigIntScalar = new GraphQLScalarType<bigint, string>({
  name: 'BigInt',
  description: [
    'An exact integer of any size, written as a base-10 string (`"1000000000000000000"`),',
    'for on-chain integers that do not fit a GraphQL Int or a double: token amounts in',
    'token units, WAD (1e18) values, feed prices in 1e-8 units, block numbers and unix',
    'timestamps. Input must be a string of digits with an optional leading `-`.',
  ].join('\n'),
  serialize: (value) => {
    if (typeof value === 'bigint') return value.toString(10)
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value.toString(10)
    if (typeof value === 'string' && BIGINT_PATTERN.test(value)) return BigInt(value).toString(10)
    throw new ScalarSerializationError('BigInt')
  },
  parseValue: (value) => toBigInt(value),
  parseLiteral: (node) => toBigInt(literalString(node, 'BigInt')),
})

const ADDRESS_PATTERN = /^0x[0-9a-fA-F]{40}$/
/** Base-10 digits with an optional minus. */
const BIGINT_PATTERN = /^-?[0-9]+$/
/** 2^256 has 78 digits; anything much longer is not an on-chain integer. */
const MAX_BIGINT_DIGITS = 80

/**
 * Validates an `Address` input and returns it checksummed.
 * @throws InvalidScalarValueError saying what is wrong with the value.
 */
export function toAddress(value: unknown): Address {
  if (typeof value !== 'string') {
    throw new InvalidScalarValueError('Address', `expected a string like "0xAbC…" (0x and 40 hex characters), got ${describeType(value)}.`)
  }
  const quoted = quote(value)
  if (!value.startsWith('0x')) {
    throw new InvalidScalarValueError('Address', `${quoted} must start with 0x followed by 40 hex characters.`)
  }
  const hex = value.slice(2)
  const badIndex = hex.search(/[^0-9a-fA-F]/)
  if (badIndex !== -1) {
    throw new InvalidScalarValueError(
      'Address',
      `${quoted} has a non-hex character ${JSON.stringify(hex.charAt(badIndex))} at index ${badIndex + 2}; expected 0x followed by 40 hex characters.`,
    )
  }
  if (hex.length !== 40) {
    throw new InvalidScalarValueError(
      'Address',
      `${quoted} has ${hex.length} hex characters after 0x; an address has exactly 40.`,
    )
  }
  const checksummed = getAddress(value)
  const isMixedCase = hex !== hex.toLowerCase() && hex !== hex.toUpperCase()
  if (isMixedCase && checksummed !== value) {
    throw new InvalidScalarValueError(
      'Address',
      `${quoted} has an invalid EIP-55 checksum (mixed case that does not match the address). Check it for a typo, or send it all lowercase.`,
    )
  }
  return checksummed
}

/**
 * Validates a `BigInt` input (base-10 string) and returns it as a `bigint`.
 * @throws InvalidScalarValueError saying what is wrong with the value.
 */
export function toBigInt(value: unknown): bigint {
  if (typeof value !== 'string') {
    throw new InvalidScalarValueError('BigInt', `expected a base-10 string like "1000", got ${describeType(value)}.`)
  }
  if (!BIGINT_PATTERN.test(value)) {
    throw new InvalidScalarValueError(
      'BigInt',
      `${quote(value)} is not a base-10 integer: digits only with an optional leading "-" (no exponent, no decimal point, no 0x).`,
    )
  }
  if (value.replace('-', '').length > MAX_BIGINT_DIGITS) {
    throw new InvalidScalarValueError('BigInt', `the value has more than ${MAX_BIGINT_DIGITS} digits.`)
  }
  return BigInt(value)
}

/** The string of a literal, or a typed error saying what kind of literal it was. */
function literalString(node: ValueNode, scalar: ScalarName): string {
  if (node.kind === Kind.STRING) return node.value
  const example = scalar === 'Address' ? '"0xAbC…"' : '"1000"'
  throw new InvalidScalarValueError(scalar, `expected a string literal like ${example}, got ${literalKindName(node.kind)}.`)
}

function literalKindName(kind: Kind): string {
  switch (kind) {
    case Kind.INT:
      return 'an Int literal'
    case Kind.FLOAT:
      return 'a Float literal'
    case Kind.BOOLEAN:
      return 'a Boolean literal'
    case Kind.NULL:
      return 'null'
    case Kind.ENUM:
      return 'an enum literal'
    case Kind.LIST:
      return 'a list'
    case Kind.OBJECT:
      return 'an object'
    default:
      return 'a non-string value'
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  return `a ${typeof value}`
}

/** The input as a JSON string literal, cut to 64 characters. */
function quote(value: string): string {
  const cut = value.length > MAX_ECHO_CHARS ? `${value.slice(0, MAX_ECHO_CHARS - 3)}...` : value
  return JSON.stringify(cut)
}
