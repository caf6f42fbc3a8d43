import { describe, expect, it } from 'vitest'
import { sanitizeMessage } from '../../src/graphql/errorCodes.js'
import { AddressScalar, BigIntScalar, InvalidScalarValueError, toAddress, toBigInt } from '../../src/graphql/scalars.js'

const CHECKSUMMED = '0x52908400098527886E0F7030069857D2E4169EE7'

describe('Address', () => {
  it('accepts one case or a valid checksum and returns the checksummed address', () => {
    expect(toAddress(CHECKSUMMED.toLowerCase())).toBe(CHECKSUMMED)
    expect(toAddress(`0x${CHECKSUMMED.slice(2).toUpperCase()}`)).toBe(CHECKSUMMED)
    expect(toAddress(CHECKSUMMED)).toBe(CHECKSUMMED)
    expect(AddressScalar.serialize(CHECKSUMMED.toLowerCase())).toBe(CHECKSUMMED)
  })

  it.each([
    [12, 'expected a string like "0xAbC…" (0x and 40 hex characters), got a number.'],
    ['0X' + CHECKSUMMED.slice(2), `"0X${CHECKSUMMED.slice(2)}" must start with 0x followed by 40 hex characters.`],
    [CHECKSUMMED + '0', `"${CHECKSUMMED}0" has 41 hex characters after 0x; an address has exactly 40.`],
    ['0x12 ', '"0x12 " has a non-hex character " " at index 4; expected 0x followed by 40 hex characters.'],
    [CHECKSUMMED.replace('E0F7', 'e0F7'), /invalid EIP-55 checksum/],
  ])('rejects %j saying what is wrong', (value, reason) => {
    expect(() => toAddress(value)).toThrow(InvalidScalarValueError)
    expect(() => toAddress(value)).toThrow(typeof reason === 'string' ? `Invalid Address: ${reason}` : reason)
  })

  it('quotes no more than 64 characters of the input', () => {
    const error = (() => {
      try {
        toAddress(`0x${'z'.repeat(10_000)}`)
      } catch (caught) {
        return caught as InvalidScalarValueError
      }
    })()
    expect(error?.shortMessage.length).toBeLessThan(200)
  })
})

describe('BigInt', () => {
  it('parses and serializes base-10 strings exactly', () => {
    const wad = '115792089237316195423570985008687907853269984665640564039457584007913129639935'
    expect(toBigInt(wad)).toBe(2n ** 256n - 1n)
    expect(toBigInt('-12')).toBe(-12n)
    expect(BigIntScalar.serialize(2n ** 256n - 1n)).toBe(wad)
    expect(BigIntScalar.serialize(0n)).toBe('0')
  })

  it.each([[12], ['1e18'], ['0x10'], ['1.5'], [''], [' 1'], ['9'.repeat(81)]])('rejects %j', (value) => {
    expect(() => toBigInt(value)).toThrow(InvalidScalarValueError)
  })
})

describe('sanitizeMessage', () => {
  it('removes URLs and server paths and cuts long quoted values', () => {
    expect(sanitizeMessage('request to https://eth.example/v2/KEY failed')).toBe('request to <url> failed')
    expect(sanitizeMessage('at /work/main/src/x.ts:1:2 and C:\\srv\\app\\x.js')).toBe('at <path>:1:2 and <path>')
    expect(sanitizeMessage(`Got "${'a'.repeat(500)}".`)).toBe(`Got "${'a'.repeat(61)}...".`)
    expect(sanitizeMessage('Chain 5 is not configured. Configured chain ids: 1, 42161.')).toBe(
      'Chain 5 is not configured. Configured chain ids: 1, 42161.',
    )
    expect(sanitizeMessage('USDC/ETH moved; aave-v3:1:0xabc')).toBe('USDC/ETH moved; aave-v3:1:0xabc')
  })
})
