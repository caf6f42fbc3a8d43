import type { Address } from 'viem'
import { RAY } from '../../../math/fixedPoint.js'
import type { AaveV3AccountState, AaveV3EModeCategory, AaveV3LogicVersion, AaveV3ReserveState, AaveV3UserReserve } from '../model/types.js'

/** Test builder: a reserve with neutral indexes and no accrual. */
export function aReserve(p: Partial<AaveV3ReserveState> & Pick<AaveV3ReserveState, 'id' | 'symbol'>): AaveV3ReserveState {
  return {
    asset: `0x${(p.id + 1).toString(16).padStart(40, '0')}` as Address,
    decimals: 18,
    ltvBps: 8000n,
    liquidationThresholdBps: 8250n,
    liquidationBonusBps: 10500n,
    liquidationProtocolFeeBps: 1000n,
    eModeCategory: 0,
    liquidityIndexRay: RAY,
    currentLiquidityRateRay: 0n,
    variableBorrowIndexRay: RAY,
    currentVariableBorrowRateRay: 0n,
    lastUpdateTimestamp: 1_000n,
    priceE8: 100_000_000n,
    feed: null,
    feedUpdatedAt: null,
    feedHeartbeatSeconds: null,
    exposure: { base: p.symbol },
    debtCeiling: 0n,
    isolationModeTotalDebt: 0n,
    borrowableInIsolation: false,
    siloedBorrowing: false,
    supplyCap: 0n,
    borrowCap: 0n,
    liquidationGracePeriodUntil: 0n,
    deficit: 0n,
    ...p,
  }
}

/** Test builder: a user's balances in one reserve (token units), collateral enabled when supplied. */
export function aUserReserve(p: Partial<AaveV3UserReserve> & Pick<AaveV3UserReserve, 'reserveId'>): AaveV3UserReserve {
  const supplied = p.scaledATokenBalance ?? 0n
  const debt = (p.scaledVariableDebt ?? 0n) + (p.stableDebtPrincipal ?? 0n)
  return {
    usingAsCollateral: supplied > 0n,
    borrowing: debt > 0n,
    scaledATokenBalance: 0n,
    scaledVariableDebt: 0n,
    stableDebtPrincipal: 0n,
    stableRateRay: 0n,
    stableLastUpdateTimestamp: 1_000n,
    ...p,
  }
}

/** Test builder: an eMode category (v3.0 shape unless bitmaps are given). Percentages bps. */
export function anEModeCategory(p: Partial<AaveV3EModeCategory> & Pick<AaveV3EModeCategory, 'id' | 'ltvBps' | 'liquidationThresholdBps' | 'liquidationBonusBps'>): AaveV3EModeCategory {
  return { priceSource: null, label: `category ${p.id}`, collateralBitmap: null, borrowableBitmap: null, ltvzeroBitmap: null, isolated: false, ...p }
}

/** Test builder: an account at timestamp 1000 (no accrual with the default reserves), read under `version` (v3.0 by default). */
export function anAccount(
  reserves: AaveV3ReserveState[],
  userReserves: AaveV3UserReserve[],
  eMode: AaveV3EModeCategory | null = null,
  version: AaveV3LogicVersion = '3.0',
): AaveV3AccountState {
  return {
    version,
    chainId: 1,
    pool: '0x00000000000000000000000000000000000000aa',
    oracle: '0x00000000000000000000000000000000000000bb',
    account: '0x00000000000000000000000000000000000000cc',
    block: { chainId: 1, blockNumber: 1n, blockHash: null, timestamp: 1_000n },
    timestamp: 1_000n,
    reserves,
    userReserves,
    userEModeCategory: eMode?.id ?? 0,
    eModeCategory: eMode,
    eModePriceE8: null,
    sentinel: null,
  }
}
