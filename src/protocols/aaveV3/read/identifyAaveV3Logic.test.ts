import { keccak256, numberToHex, hexToBigInt, toHex, type Address } from 'viem'
import { describe, expect, it } from 'vitest'
import { UnsupportedProtocolVersionError } from '../../../errors/index.js'
import { AAVE_V3_RELEASE_IDS, AAVE_V3_RELEASES } from './aaveV3Releases.js'
import { EIP1967_IMPLEMENTATION_SLOT, identifyAaveV3Logic } from './identifyAaveV3Logic.js'

const IMPL_A: Address = '0x5aE329203E00f76891094DcfedD5Aca082a50e1b'
const IMPL_B: Address = '0xCF86A65779e88bedfF0319FE13aE2B47358EB1bF'
const ANY_IMPL: Address = '0x0000000000000000000000000000000000000001'

describe('the Aave V3 release table', () => {
  it('lists every release id once, each with its source', () => {
    expect(Object.keys(AAVE_V3_RELEASES).sort()).toEqual([...AAVE_V3_RELEASE_IDS].sort())
    for (const r of Object.values(AAVE_V3_RELEASES)) {
      expect(r.source.length).toBeGreaterThan(20)
      // a release either has logic xmargin reproduces or says why not
      expect(r.logic === null).toBe(r.unsupportedReason !== null)
    }
  })

  it('gives the revisions the deployed code reports: @aave/core-v3 1, aave-v3-origin 3.6 10, 3.7 11; forks none', () => {
    expect(AAVE_V3_RELEASES['aave-3.0.2'].poolRevision).toBe(1)
    expect(AAVE_V3_RELEASES['aave-3.6'].poolRevision).toBe(10)
    expect(AAVE_V3_RELEASES['aave-3.7'].poolRevision).toBe(11)
    expect(AAVE_V3_RELEASES['sparklend-1.0.0'].poolRevision).toBeNull()
  })

  it('runs SparkLend 1.0.0 on the v3.0 logic and reproduces no Horizon logic', () => {
    expect(AAVE_V3_RELEASES['sparklend-1.0.0'].logic).toBe('3.0')
    expect(AAVE_V3_RELEASES['horizon-rwa'].logic).toBeNull()
  })

  it('has the EIP-1967 implementation slot', () => {
    expect(EIP1967_IMPLEMENTATION_SLOT).toBe(numberToHex(hexToBigInt(keccak256(toHex('eip1967.proxy.implementation'))) - 1n, { size: 32 }))
  })
})

describe('identifyAaveV3Logic', () => {
  it('identifies Aave releases by their Pool revision', () => {
    expect(identifyAaveV3Logic({ deployment: { release: 'aave-3.0.2' }, poolRevision: 1n, poolImplementation: ANY_IMPL })).toBe('3.0')
    expect(identifyAaveV3Logic({ deployment: { release: 'aave-3.6' }, poolRevision: 10n, poolImplementation: ANY_IMPL })).toBe('3.6')
    expect(identifyAaveV3Logic({ deployment: { release: 'aave-3.7' }, poolRevision: 11n, poolImplementation: ANY_IMPL })).toBe('3.7')
  })

  it('refuses a Pool whose revision is not its release\'s (upgraded past what the table knows)', () => {
    expect(() => identifyAaveV3Logic({ deployment: { release: 'aave-3.7' }, poolRevision: 12n, poolImplementation: ANY_IMPL })).toThrow(UnsupportedProtocolVersionError)
    expect(() => identifyAaveV3Logic({ deployment: { release: 'aave-3.6' }, poolRevision: 11n, poolImplementation: ANY_IMPL })).toThrow(/Pool revision 11/)
    // a v3.0 devnet entry on a chain that runs the 3.6 code
    expect(() => identifyAaveV3Logic({ deployment: { release: 'aave-3.0.2' }, poolRevision: 10n, poolImplementation: ANY_IMPL })).toThrow(UnsupportedProtocolVersionError)
  })

  it('identifies a SparkLend Pool by its pinned implementation, in any case, whatever revision Spark numbers it', () => {
    const deployment = { release: 'sparklend-1.0.0', poolImplementations: [IMPL_A, IMPL_B] } as const
    expect(identifyAaveV3Logic({ deployment, poolRevision: 2n, poolImplementation: IMPL_A.toLowerCase() as Address })).toBe('3.0')
    expect(identifyAaveV3Logic({ deployment, poolRevision: 4n, poolImplementation: IMPL_B })).toBe('3.0')
  })

  it('refuses a SparkLend Pool upgraded to an implementation the table does not know', () => {
    const deployment = { release: 'sparklend-1.0.0', poolImplementations: [IMPL_A] } as const
    expect(() => identifyAaveV3Logic({ deployment, poolRevision: 2n, poolImplementation: ANY_IMPL })).toThrow(UnsupportedProtocolVersionError)
    expect(() => identifyAaveV3Logic({ deployment, poolRevision: 2n, poolImplementation: ANY_IMPL })).toThrow(/Pool implementation 0x0{39}1/)
  })

  it('refuses a fork deployment that pins no implementation (nothing to identify it by)', () => {
    expect(() => identifyAaveV3Logic({ deployment: { release: 'sparklend-1.0.0' }, poolRevision: 2n, poolImplementation: IMPL_A })).toThrow(/poolImplementations/)
  })

  it('checks a pinned implementation on Aave releases too', () => {
    const deployment = { release: 'aave-3.7', poolImplementations: [IMPL_A] } as const
    expect(identifyAaveV3Logic({ deployment, poolRevision: 11n, poolImplementation: IMPL_A })).toBe('3.7')
    expect(() => identifyAaveV3Logic({ deployment, poolRevision: 11n, poolImplementation: IMPL_B })).toThrow(UnsupportedProtocolVersionError)
  })

  it('refuses Horizon whatever the chain says, naming the reason', () => {
    const error = (() => {
      try {
        identifyAaveV3Logic({ deployment: { release: 'horizon-rwa' }, poolRevision: 7n, poolImplementation: ANY_IMPL })
      } catch (e) {
        return e
      }
      return null
    })()
    expect(error).toBeInstanceOf(UnsupportedProtocolVersionError)
    expect((error as UnsupportedProtocolVersionError).message).toMatch(/RWA/)
    expect((error as UnsupportedProtocolVersionError).supported).toEqual(['3.0.2', '3.6', '3.7', 'sparklend-1.0.0 (aave 3.0.2)'])
  })
})
