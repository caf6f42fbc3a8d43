import { encodeAbiParameters, zeroAddress, type Abi, type Address, type Hex } from 'viem'
import type { Deployer } from '../../../devnet/deployer.js'
import type { CompiledContract } from '../../../devnet/compileSolidity.js'
import { DevnetError } from '../../../errors/index.js'
import { linkBytecode, loadArtifact } from './aaveArtifacts.js'
import type { AaveV36Artifacts } from './aaveV36Artifacts.js'
import type { DeployedAaveMarket } from './deployAaveV3.js'

/**
 * Interest rate data of a v3.6 reserve (DefaultReserveInterestRateStrategyV2,
 * `InterestRateData`), all bps: the optimal usage ratio, the base variable
 * rate and the two slopes.
 */
export type RateDataSpec36 = {
  readonly optimalUsageRatioBps: number
  readonly baseVariableBorrowRateBps: number
  readonly variableRateSlope1Bps: number
  readonly variableRateSlope2Bps: number
}

/**
 * One reserve of a v3.6 market. Percentages bps (the bonus Aave-style, 10500 =
 * 5%); LTV and LT 0 make an asset that is collateral only inside an eMode;
 * caps in whole tokens (0 = none); price USD·1e8.
 */
export type ReserveSpec36 = RateDataSpec36 & {
  readonly symbol: string
  readonly decimals: number
  readonly priceE8: bigint
  readonly ltvBps: number
  readonly liquidationThresholdBps: number
  readonly liquidationBonusBps: number
  readonly liquidationProtocolFeeBps: number
  readonly reserveFactorBps: number
  readonly borrowingEnabled: boolean
  readonly supplyCap: bigint
  readonly borrowCap: bigint
}

/** One liquid eMode category (v3.2+): its parameters and member assets by symbol (v3.6 `ltvzero` members count with LTV 0). */
export type EModeSpec36 = {
  readonly id: number
  readonly label: string
  readonly ltvBps: number
  readonly liquidationThresholdBps: number
  readonly liquidationBonusBps: number
  readonly collateral: readonly string[]
  readonly borrowable: readonly string[]
  readonly ltvzero: readonly string[]
}

/** A deployed v3.6 market: the v3.0 record plus the app's lens (UiPoolDataProviderV3). */
export type DeployedAaveV36Market = DeployedAaveMarket & {
  readonly uiPoolDataProvider: Address
}

/**
 * Deploys an Aave v3.6 market (compiled from `@aave-dao/aave-v3-origin@3.6.0`)
 * with plain transactions, in the order of ../shared/LOCAL-CHAINS.md:
 * libraries → PoolAddressesProvider and ACL → rate strategy (an immutable of
 * the Pool since v3.4) → Pool and PoolConfigurator behind the provider's
 * proxies → tokens, feeds, AaveOracle, data provider, UiPoolDataProviderV3 →
 * `initReserves` → collateral, borrowing, fees, caps → eMode categories and
 * their bitmaps (collateral, borrowable, ltvzero). The deployer holds every
 * admin role. Kept whole on purpose: its transaction order is the
 * deployment, each step using the addresses of the steps before it.
 * @throws DevnetError on any failed transaction or an eMode naming an unlisted symbol.
 */
export async function deployAaveV36Market(
  d: Deployer,
  args: {
    marketId: string
    artifacts: AaveV36Artifacts
    reserves: readonly ReserveSpec36[]
    eModes: readonly EModeSpec36[]
    priceFeed: CompiledContract
    /** L2-like chains: a sequencer uptime feed and Aave's PriceOracleSentinel with this grace period, seconds. */
    sequencerGracePeriodSeconds?: number
  },
): Promise<DeployedAaveV36Market> {
  const a = args.artifacts
  const admin = d.from
  const deploy = (name: keyof AaveV36Artifacts, ctorArgs: readonly unknown[] = [], label: string = name) =>
    d.deploy(label, a[name].abi, linkBytecode(a[name], libraries, name), ctorArgs)
  const libraries: Record<string, Address> = {}
  for (const name of ['BorrowLogic', 'FlashLoanLogic', 'LiquidationLogic', 'PoolLogic', 'SupplyLogic', 'ConfiguratorLogic'] as const) {
    libraries[name] = await deploy(name)
  }

  const provider = await deploy('PoolAddressesProvider', [args.marketId, admin])
  const send = (to: Address, name: keyof AaveV36Artifacts, fn: string, fnArgs: readonly unknown[]) => d.send(to, a[name].abi as Abi, fn as never, fnArgs as never)
  await send(provider, 'PoolAddressesProvider', 'setACLAdmin', [admin])
  const acl = await deploy('ACLManager', [provider])
  await send(provider, 'PoolAddressesProvider', 'setACLManager', [acl])
  for (const role of ['addPoolAdmin', 'addRiskAdmin', 'addAssetListingAdmin', 'addEmergencyAdmin'] as const) await send(acl, 'ACLManager', role, [admin])

  const rateStrategy = await deploy('DefaultReserveInterestRateStrategyV2', [provider])
  const poolImplementation = await deploy('PoolInstance', [provider, rateStrategy])
  await send(provider, 'PoolAddressesProvider', 'setPoolImpl', [poolImplementation])
  const pool = (await d.public.readContract({ address: provider, abi: a.PoolAddressesProvider.abi, functionName: 'getPool' })) as Address
  const configuratorImpl = await deploy('PoolConfiguratorInstance')
  await send(provider, 'PoolAddressesProvider', 'setPoolConfiguratorImpl', [configuratorImpl])
  const configurator = (await d.public.readContract({ address: provider, abi: a.PoolAddressesProvider.abi, functionName: 'getPoolConfigurator' })) as Address

  // the same token contract as the v3.0 markets (any ERC-20 with decimals and an open mint)
  const tokenArt = loadArtifact('@aave/core-v3', 'mocks/tokens/MintableERC20.sol/MintableERC20')
  const reserves: DeployedAaveMarket['reserves'] = []
  for (const r of args.reserves) {
    const asset = await d.deploy(r.symbol, tokenArt.abi, tokenArt.bytecode, [r.symbol, r.symbol, r.decimals])
    const priceFeed = await d.deploy(`${r.symbol} / USD feed`, args.priceFeed.abi, args.priceFeed.bytecode, [8, `${r.symbol} / USD`, r.priceE8])
    reserves.push({ symbol: r.symbol, asset, decimals: r.decimals, priceFeed })
  }
  const oracle = await deploy('AaveOracle', [provider, reserves.map((r) => r.asset), reserves.map((r) => r.priceFeed), zeroAddress, zeroAddress, 10n ** 8n])
  await send(provider, 'PoolAddressesProvider', 'setPriceOracle', [oracle])
  const dataProvider = await deploy('AaveProtocolDataProvider', [provider])
  await send(provider, 'PoolAddressesProvider', 'setPoolDataProvider', [dataProvider])
  // the app's lens: both of its USD aggregators are the first reserve's feed (base currency is USD on the devnet)
  const uiPoolDataProvider = await deploy('UiPoolDataProviderV3', [reserves[0]!.priceFeed, reserves[0]!.priceFeed])

  const aTokenImpl = await deploy('ATokenInstance', [pool, zeroAddress, admin])
  const variableImpl = await deploy('VariableDebtTokenInstance', [pool, zeroAddress])
  const inputs = args.reserves.map((r, i) => ({
    aTokenImpl,
    variableDebtTokenImpl: variableImpl,
    underlyingAsset: reserves[i]!.asset,
    aTokenName: `Aave Devnet ${r.symbol}`,
    aTokenSymbol: `a${r.symbol}`,
    variableDebtTokenName: `Aave Devnet Variable Debt ${r.symbol}`,
    variableDebtTokenSymbol: `variableDebt${r.symbol}`,
    params: '0x' as Hex,
    interestRateData: encodeAbiParameters(
      [{ type: 'uint16' }, { type: 'uint32' }, { type: 'uint32' }, { type: 'uint32' }],
      [r.optimalUsageRatioBps, r.baseVariableBorrowRateBps, r.variableRateSlope1Bps, r.variableRateSlope2Bps],
    ),
  }))
  await send(configurator, 'PoolConfiguratorInstance', 'initReserves', [inputs])

  const cfg = (fn: string, fnArgs: readonly unknown[]) => send(configurator, 'PoolConfiguratorInstance', fn, fnArgs)
  for (const [i, r] of args.reserves.entries()) {
    const asset = reserves[i]!.asset
    if (r.liquidationThresholdBps > 0) await cfg('configureReserveAsCollateral', [asset, r.ltvBps, r.liquidationThresholdBps, r.liquidationBonusBps])
    await cfg('setReserveBorrowing', [asset, r.borrowingEnabled])
    await cfg('setReserveFactor', [asset, r.reserveFactorBps])
    if (r.liquidationProtocolFeeBps > 0) await cfg('setLiquidationProtocolFee', [asset, r.liquidationProtocolFeeBps])
    if (r.supplyCap > 0n) await cfg('setSupplyCap', [asset, r.supplyCap])
    if (r.borrowCap > 0n) await cfg('setBorrowCap', [asset, r.borrowCap])
  }
  const assetOf = (symbol: string, e: EModeSpec36) => {
    const r = reserves.find((x) => x.symbol === symbol)
    if (!r) throw new DevnetError(`eMode ${e.id} (${e.label}) names ${symbol}, which the market does not list.`)
    return r.asset
  }
  for (const e of args.eModes) {
    await cfg('setEModeCategory', [e.id, e.ltvBps, e.liquidationThresholdBps, e.liquidationBonusBps, e.label])
    for (const s of e.collateral) await cfg('setAssetCollateralInEMode', [assetOf(s, e), e.id, true])
    for (const s of e.borrowable) await cfg('setAssetBorrowableInEMode', [assetOf(s, e), e.id, true])
    for (const s of e.ltvzero) await cfg('setAssetLtvzeroInEMode', [assetOf(s, e), e.id, true])
  }

  let priceOracleSentinel: Address | null = null
  let sequencerOracle: Address | null = null
  if (args.sequencerGracePeriodSeconds !== undefined) {
    sequencerOracle = await deploy('SequencerOracle', [admin])
    // up since the epoch: liquidations and borrows allowed until the devnet says otherwise
    await send(sequencerOracle, 'SequencerOracle', 'setAnswer', [false, 1n])
    priceOracleSentinel = await deploy('PriceOracleSentinel', [provider, sequencerOracle, BigInt(args.sequencerGracePeriodSeconds)])
    await send(provider, 'PoolAddressesProvider', 'setPriceOracleSentinel', [priceOracleSentinel])
  }
  return { pool, poolAddressesProvider: provider, poolConfigurator: configurator, oracle, dataProvider, aclManager: acl, priceOracleSentinel, sequencerOracle, reserves, poolImplementation, uiPoolDataProvider }
}
