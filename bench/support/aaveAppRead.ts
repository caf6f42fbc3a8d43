import { formatReserves, formatUserSummary, type FormatUserSummaryResponse } from '@aave/math-utils'
import { maxUint256, parseUnits, type Address, type PublicClient } from 'viem'
import { compileAaveV36Contracts } from '../../src/protocols/aaveV3/devnet/aaveV36Artifacts.js'
import { ARTIFACT_CACHE_DIR } from '../../src/devnet/startDevnet.js'

/**
 * Aave's own app path for one account, for `npm run bench`: the views of
 * Aave's `UiPoolDataProviderV3` (v3.6, as compiled for the devnet) read with
 * viem, mapped to the string shapes `@aave/contract-helpers` hands its
 * `…Humanized` callers, then `@aave/math-utils`' formatReserves and
 * formatUserSummary, as the app's hooks chain them.
 */
const uiPoolDataProviderAbi = (await compileAaveV36Contracts(ARTIFACT_CACHE_DIR)).UiPoolDataProviderV3.abi

/** IUiPoolDataProviderV3.AggregatedReserveData (v3.6) as viem decodes it: the fields math-utils reads. */
type AggregatedReserveData = {
  readonly underlyingAsset: Address
  readonly name: string
  readonly symbol: string
  readonly decimals: bigint
  readonly baseLTVasCollateral: bigint
  readonly reserveLiquidationThreshold: bigint
  readonly reserveLiquidationBonus: bigint
  readonly reserveFactor: bigint
  readonly usageAsCollateralEnabled: boolean
  readonly liquidityIndex: bigint
  readonly variableBorrowIndex: bigint
  readonly liquidityRate: bigint
  readonly variableBorrowRate: bigint
  readonly lastUpdateTimestamp: number
  readonly availableLiquidity: bigint
  readonly totalScaledVariableDebt: bigint
  readonly priceInMarketReferenceCurrency: bigint
  readonly isolationModeTotalDebt: bigint
  readonly debtCeiling: bigint
  readonly debtCeilingDecimals: bigint
  readonly borrowCap: bigint
  readonly supplyCap: bigint
  readonly virtualUnderlyingBalance: bigint
  readonly deficit: bigint
}
type BaseCurrencyInfo = { readonly marketReferenceCurrencyUnit: bigint; readonly marketReferenceCurrencyPriceInUsd: bigint }
type UserReserveData = { readonly underlyingAsset: Address; readonly scaledATokenBalance: bigint; readonly usageAsCollateralEnabledOnUser: boolean; readonly scaledVariableDebt: bigint }
type Emode = {
  readonly id: number
  readonly eMode: { readonly ltv: number; readonly liquidationThreshold: number; readonly liquidationBonus: number; readonly collateralBitmap: bigint; readonly label: string; readonly borrowableBitmap: bigint; readonly ltvzeroBitmap: bigint }
}

/** What the app reads for one market and one user: the three views' results as viem returns them. */
export type AaveAppReads = {
  readonly reserves: readonly AggregatedReserveData[]
  readonly baseCurrency: BaseCurrencyInfo
  readonly userReserves: readonly UserReserveData[]
  readonly userEModeCategoryId: number
  readonly eModes: readonly Emode[]
}

export type FetchAaveAppReadsParameters = {
  readonly uiPoolDataProvider: Address
  readonly poolAddressesProvider: Address
  readonly user: Address
}

/**
 * Reads `getReservesData(provider)`, `getUserReservesData(provider, user)` and
 * `getEModes(provider)` at the latest block, one `eth_call` each in parallel,
 * as the app's three queries do (math-utils needs the eModes to price an
 * account in one).
 */
export async function fetchAaveAppReads(client: PublicClient, { uiPoolDataProvider, poolAddressesProvider, user }: FetchAaveAppReadsParameters): Promise<AaveAppReads> {
  const read = (functionName: string, args: readonly unknown[]) => client.readContract({ address: uiPoolDataProvider, abi: uiPoolDataProviderAbi, functionName, args })
  const [reservesData, userData, eModes] = await Promise.all([read('getReservesData', [poolAddressesProvider]), read('getUserReservesData', [poolAddressesProvider, user]), read('getEModes', [poolAddressesProvider])])
  const [reserves, baseCurrency] = reservesData as readonly [readonly AggregatedReserveData[], BaseCurrencyInfo]
  const [userReserves, userEModeCategoryId] = userData as readonly [readonly UserReserveData[], number]
  return { reserves, baseCurrency, userReserves, userEModeCategoryId, eModes: eModes as readonly Emode[] }
}

/**
 * math-utils' account summary from the app's reads at `currentTimestamp`
 * (unix seconds: the app passes its wall clock). The bigint fields become the
 * decimal strings, numbers and binary bitmap strings contract-helpers'
 * getReservesHumanized, getUserReservesHumanized and getEModesHumanized produce.
 */
export function computeAaveAppSummary(reads: AaveAppReads, currentTimestamp: number): FormatUserSummaryResponse {
  const marketReferenceCurrencyDecimals = reads.baseCurrency.marketReferenceCurrencyUnit.toString().length - 1
  const marketReferencePriceInUsd = reads.baseCurrency.marketReferenceCurrencyPriceInUsd.toString()
  const eModes = reads.eModes.map(({ id, eMode }) => ({
    id,
    eMode: {
      ltv: eMode.ltv.toString(),
      liquidationThreshold: eMode.liquidationThreshold.toString(),
      liquidationBonus: eMode.liquidationBonus.toString(),
      collateralBitmap: eMode.collateralBitmap.toString(2).padStart(256, '0'),
      borrowableBitmap: eMode.borrowableBitmap.toString(2).padStart(256, '0'),
      ltvzeroBitmap: eMode.ltvzeroBitmap.toString(2).padStart(256, '0'),
      label: eMode.label,
      isolated: false, // v3.7; v3.6 has no isolated eModes
    },
  }))
  const reserves = reads.reserves.map((r, index) => ({
    originalId: index, // the reserve's id: getReservesData lists reserves in getReservesList order
    id: r.underlyingAsset.toLowerCase(),
    underlyingAsset: r.underlyingAsset.toLowerCase(),
    name: r.name,
    symbol: r.symbol,
    decimals: Number(r.decimals),
    baseLTVasCollateral: r.baseLTVasCollateral.toString(),
    reserveLiquidationThreshold: r.reserveLiquidationThreshold.toString(),
    reserveLiquidationBonus: r.reserveLiquidationBonus.toString(),
    reserveFactor: r.reserveFactor.toString(),
    usageAsCollateralEnabled: r.usageAsCollateralEnabled,
    liquidityIndex: r.liquidityIndex.toString(),
    variableBorrowIndex: r.variableBorrowIndex.toString(),
    liquidityRate: r.liquidityRate.toString(),
    variableBorrowRate: r.variableBorrowRate.toString(),
    lastUpdateTimestamp: r.lastUpdateTimestamp,
    availableLiquidity: r.availableLiquidity.toString(),
    totalScaledVariableDebt: r.totalScaledVariableDebt.toString(),
    priceInMarketReferenceCurrency: r.priceInMarketReferenceCurrency.toString(),
    isolationModeTotalDebt: r.isolationModeTotalDebt.toString(),
    debtCeiling: r.debtCeiling.toString(),
    debtCeilingDecimals: Number(r.debtCeilingDecimals),
    borrowCap: r.borrowCap.toString(),
    supplyCap: r.supplyCap.toString(),
    virtualUnderlyingBalance: r.virtualUnderlyingBalance.toString(),
    deficit: r.deficit.toString(),
  }))
  const formattedReserves = formatReserves({ reserves, eModes, currentTimestamp, marketReferencePriceInUsd, marketReferenceCurrencyDecimals })
  const userReserves = reads.userReserves.map((u) => ({
    underlyingAsset: u.underlyingAsset.toLowerCase(),
    scaledATokenBalance: u.scaledATokenBalance.toString(),
    usageAsCollateralEnabledOnUser: u.usageAsCollateralEnabledOnUser,
    scaledVariableDebt: u.scaledVariableDebt.toString(),
  }))
  return formatUserSummary({ currentTimestamp, marketReferencePriceInUsd, marketReferenceCurrencyDecimals, userReserves, formattedReserves, userEmodeCategoryId: reads.userEModeCategoryId })
}

/**
 * math-utils' health factor (a decimal string, "-1" without debt) in the
 * contract's shape: WAD, rounded to the nearest wei; type(uint256).max without
 * debt, as Pool.getUserAccountData returns it.
 */
export function toHealthFactorWad(healthFactor: string): bigint {
  return healthFactor === '-1' ? maxUint256 : parseUnits(healthFactor, 18)
}
