import { describe, expect, it } from 'vitest'
import { zeroAddress, type Address, type Hex } from 'viem'
import type { CallResult, ChainReader, ContractCall } from '../../../read/readPlan.js'
import { readStates } from '../../../../test/support/readStates.js'
import { AaveV3MetadataCache, createAaveV3StateReader } from './aaveV3Reader.js'
import type { AaveV3ReleaseId } from './aaveV3Releases.js'
import { EIP1967_IMPLEMENTATION_SLOT } from './identifyAaveV3Logic.js'

const POOL = '0x00000000000000000000000000000000000000aa' as Address
const ORACLE = '0x00000000000000000000000000000000000000bb' as Address
const PROVIDER = '0x00000000000000000000000000000000000000cc' as Address
const WETH = '0x0000000000000000000000000000000000000001' as Address
const A_WETH = '0x0000000000000000000000000000000000000011' as Address
const V_WETH = '0x0000000000000000000000000000000000000021' as Address
const FEED = '0x0000000000000000000000000000000000000031' as Address
const IMPLEMENTATION = '0x00000000000000000000000000000000000000dd' as Address
const USER = '0x00000000000000000000000000000000000000ee' as Address
const BLOCK = { chainId: 1, blockNumber: 100n, blockHash: null, timestamp: 1_000n }
const RAY = 10n ** 27n

/** WETH's configuration word: LTV 80%, LT 82.5%, bonus 5%, 18 decimals, active, borrowing on (ReserveConfiguration bit layout). */
const WETH_CONFIG = 8000n | (8250n << 16n) | (10500n << 32n) | (18n << 48n) | (1n << 56n) | (1n << 58n)

/**
 * A stand-in chain for one v3.2+ market (one reserve, WETH, and eMode 1),
 * answering each call by its function name as the Pool, the tokens, the
 * oracle, Multicall3 and the addresses provider would, and counting the
 * multicalls; `revision` is what POOL_REVISION answers.
 */
function standIn(revision: bigint, isolated: boolean) {
  const answers: Record<string, (args: readonly unknown[]) => unknown> = {
    POOL_REVISION: () => revision,
    getReservesList: () => [WETH],
    getReserveData: () => ({
      configuration: { data: WETH_CONFIG },
      liquidityIndex: RAY,
      currentLiquidityRate: 0n,
      variableBorrowIndex: RAY,
      currentVariableBorrowRate: 0n,
      currentStableBorrowRate: 0n,
      lastUpdateTimestamp: 1_000,
      id: 0,
      aTokenAddress: A_WETH,
      stableDebtTokenAddress: zeroAddress,
      variableDebtTokenAddress: V_WETH,
      interestRateStrategyAddress: zeroAddress,
      accruedToTreasury: 0n,
      unbacked: 0n,
      isolationModeTotalDebt: 0n,
    }),
    symbol: () => 'WETH',
    getSourceOfAsset: () => FEED,
    getEModeCategoryCollateralConfig: ([id]) => (id === 1 ? { ltv: 9000, liquidationThreshold: 9300, liquidationBonus: 10100 } : { ltv: 0, liquidationThreshold: 0, liquidationBonus: 0 }),
    ADDRESSES_PROVIDER: () => PROVIDER,
    getPriceOracleSentinel: () => zeroAddress,
    getCurrentBlockTimestamp: () => 1_000n,
    // WETH supplied as collateral (bit 1), nothing borrowed
    getUserConfiguration: () => ({ data: 0b10n }),
    getUserEMode: () => 1n,
    getAssetsPrices: () => [300_000_000_000n],
    scaledBalanceOf: () => 10n ** 18n,
    latestRoundData: () => [1n, 300_000_000_000n, 1_000n, 1_000n, 1n],
    getLiquidationGracePeriod: () => 0,
    getReserveDeficit: () => 0n,
    getEModeCategoryData: () => ({ ltv: 9000, liquidationThreshold: 9300, liquidationBonus: 10100, priceSource: zeroAddress, label: 'ETH correlated' }),
    getEModeCategoryCollateralBitmap: () => 1n,
    getEModeCategoryBorrowableBitmap: () => 1n,
    getEModeCategoryLtvzeroBitmap: () => 0n,
    getIsEModeCategoryIsolated: () => isolated,
  }
  const called: string[] = []
  const reader: ChainReader = {
    chainId: 1,
    block: BLOCK,
    async multicall(calls: readonly ContractCall[]): Promise<readonly CallResult[]> {
      return calls.map((c) => {
        called.push(c.functionName)
        const answer = answers[c.functionName]
        return answer ? { status: 'success', result: answer(c.args ?? []) } : { status: 'failure', error: new TypeError(`no stand-in answer for ${c.functionName}`) }
      })
    },
    getStorageAt: async (address: Address, slot: Hex) => {
      expect([address, slot]).toEqual([POOL, EIP1967_IMPLEMENTATION_SLOT])
      return `0x${IMPLEMENTATION.slice(2).padStart(64, '0')}` as Hex
    },
    // Aave sends no side request
    side: async () => [],
  }
  return { reader, called }
}

function stateReader(release: AaveV3ReleaseId) {
  return createAaveV3StateReader({
    market: { chainId: 1, deployment: { release }, pool: POOL, oracle: ORACLE, multicall3: '0xcA11bde05977b3631167028862bE2a173976CA11' },
    account: USER,
    cache: new AaveV3MetadataCache(),
    exposureOf: () => ({ base: 'ETH' }),
    heartbeatOf: () => null,
  })
}

describe('Aave reader: the logic comes from the chain, checked against the release table', () => {
  it('a v3.7 Pool (revision 11): v3.2+ reads and whether the eMode is isolated', async () => {
    for (const isolated of [true, false]) {
      const chain = standIn(11n, isolated)
      const [state] = await readStates(chain.reader, stateReader('aave-3.7'))
      expect(state!.version).toBe('3.7')
      expect(state!.eModeCategory).toMatchObject({ id: 1, collateralBitmap: 1n, borrowableBitmap: 1n, ltvzeroBitmap: 0n, isolated })
      expect(chain.called).toContain('getIsEModeCategoryIsolated')
      // no stable debt on v3.2+
      expect(chain.called).not.toContain('principalBalanceOf')
    }
  })

  it('a v3.6 Pool (revision 10) does not ask whether a category is isolated', async () => {
    const chain = standIn(10n, true)
    const [state] = await readStates(chain.reader, stateReader('aave-3.6'))
    expect(state!.version).toBe('3.6')
    expect(state!.eModeCategory?.isolated).toBe(false)
    expect(chain.called).not.toContain('getIsEModeCategoryIsolated')
  })

  it('a Pool reporting another revision than its release answers UNSUPPORTED_PROTOCOL_VERSION as its venue', async () => {
    const chain = standIn(12n, false)
    const r = stateReader('aave-3.7')
    const error = await r.prepare(chain.reader).then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).not.toBeNull()
    const [venue] = r.fail(error)
    expect(venue).toMatchObject({ status: 'unavailable', protocol: 'AAVE_V3', error: { code: 'UNSUPPORTED_PROTOCOL_VERSION' } })
  })
})
