import { zeroAddress, type Abi, type Address, type Hex } from 'viem'
import { linkBytecode, loadArtifact } from './aaveArtifacts.js'
import type { Deployer } from '../../../devnet/deployer.js'
import type { CompiledContract } from '../../../devnet/compileSolidity.js'

const CORE = '@aave/core-v3'

/** Interest rate strategy constructor arguments of Aave v3.0 DefaultReserveInterestRateStrategy, all RAY. */
export type RateStrategySpec = {
  optimalUsageRatio: bigint
  baseVariableBorrowRate: bigint
  variableRateSlope1: bigint
  variableRateSlope2: bigint
  stableRateSlope1: bigint
  stableRateSlope2: bigint
  baseStableRateOffset: bigint
  stableRateExcessOffset: bigint
  optimalStableToTotalDebtRatio: bigint
}

/** One reserve to list. Percentages in bps (1e4 = 100%), caps in whole tokens (0 = none), price 8-decimal USD. */
export type ReserveSpec = RateStrategySpec & {
  symbol: string
  decimals: number
  priceE8: bigint
  ltvBps: number
  liquidationThresholdBps: number
  liquidationBonusBps: number
  reserveFactorBps: number
  borrowingEnabled: boolean
  stableBorrowingEnabled: boolean
  supplyCap: bigint
  borrowCap: bigint
  eModeCategory: number
  /** USD with 2 decimals; 0 or absent = not an isolation-mode asset. */
  debtCeiling?: bigint
  borrowableInIsolation?: boolean
  siloedBorrowing?: boolean
}

/** One eMode category. Percentages in bps. */
export type EModeCategorySpec = {
  id: number
  label: string
  ltvBps: number
  liquidationThresholdBps: number
  liquidationBonusBps: number
}

/** Addresses of one deployed Aave V3 market and its listed assets. */
export type DeployedAaveMarket = {
  pool: Address
  /** The Pool implementation behind the proxy (its EIP-1967 slot). */
  poolImplementation: Address
  poolAddressesProvider: Address
  poolConfigurator: Address
  oracle: Address
  dataProvider: Address
  aclManager: Address
  /** Aave's PriceOracleSentinel and the sequencer uptime feed it reads (L2-like chains), or null. */
  priceOracleSentinel: Address | null
  sequencerOracle: Address | null
  reserves: { symbol: string; asset: Address; decimals: number; priceFeed: Address }[]
}

/**
 * Deploys a full Aave V3 (v3.0.x logic, from the `@aave/core-v3` artifacts)
 * market with the given reserves, one DevnetPriceFeed per reserve, and the
 * eMode categories; the deployer holds every admin role.
 * Order as in ../shared/LOCAL-CHAINS.md. Kept whole on purpose: its
 * transaction order is the deployment, each step using the addresses of the
 * steps before it, so it reads top to bottom as the deployment runs.
 * @throws DevnetError on any failed transaction.
 */
export async function deployAaveV3Market(
  d: Deployer,
  args: {
    marketId: string
    reserves: readonly ReserveSpec[]
    eModeCategories: readonly EModeCategorySpec[]
    priceFeed: CompiledContract
    /**
     * L2-like chains: deploy a sequencer uptime feed (Aave's SequencerOracle
     * mock) and Aave's PriceOracleSentinel with this grace period, seconds.
     */
    sequencerGracePeriodSeconds?: number
    /**
     * Tokens the chain already lists (another market's), with their feeds: a
     * reserve of the same symbol lists that token and is priced by that feed,
     * as two markets on one real chain share WETH and its oracle.
     */
    listed?: readonly { symbol: string; address: Address; decimals: number; priceFeed: Address }[]
  },
): Promise<DeployedAaveMarket> {
  const art = (p: string) => loadArtifact(CORE, p)
  const admin = d.from

  const providerArt = art('protocol/configuration/PoolAddressesProvider.sol/PoolAddressesProvider')
  const provider = await d.deploy('PoolAddressesProvider', providerArt.abi, providerArt.bytecode, [args.marketId, admin])
  await d.send(provider, providerArt.abi, 'setACLAdmin', [admin])

  const aclArt = art('protocol/configuration/ACLManager.sol/ACLManager')
  const acl = await d.deploy('ACLManager', aclArt.abi, aclArt.bytecode, [provider])
  await d.send(provider, providerArt.abi, 'setACLManager', [acl])
  for (const role of ['addPoolAdmin', 'addRiskAdmin', 'addAssetListingAdmin', 'addEmergencyAdmin'] as const) {
    await d.send(acl, aclArt.abi, role, [admin])
  }

  const libraries: Record<string, Address> = {}
  for (const name of ['SupplyLogic', 'BorrowLogic', 'LiquidationLogic', 'EModeLogic', 'BridgeLogic', 'PoolLogic', 'ConfiguratorLogic', 'FlashLoanLogic']) {
    const lib = art(`protocol/libraries/logic/${name}.sol/${name}`)
    libraries[name] = await d.deploy(name, lib.abi, linkBytecode(lib, libraries, name))
  }

  const poolArt = art('protocol/pool/Pool.sol/Pool')
  const poolImpl = await d.deploy('Pool', poolArt.abi, linkBytecode(poolArt, libraries, 'Pool'), [provider])
  await d.send(provider, providerArt.abi, 'setPoolImpl', [poolImpl])
  const pool = (await d.public.readContract({ address: provider, abi: providerArt.abi, functionName: 'getPool' })) as Address

  const configuratorArt = art('protocol/pool/PoolConfigurator.sol/PoolConfigurator')
  const configuratorImpl = await d.deploy('PoolConfigurator', configuratorArt.abi, linkBytecode(configuratorArt, libraries, 'PoolConfigurator'))
  await d.send(provider, providerArt.abi, 'setPoolConfiguratorImpl', [configuratorImpl])
  const configurator = (await d.public.readContract({
    address: provider,
    abi: providerArt.abi,
    functionName: 'getPoolConfigurator',
  })) as Address

  const tokenArt = art('mocks/tokens/MintableERC20.sol/MintableERC20')
  const reserves: DeployedAaveMarket['reserves'] = []
  for (const r of args.reserves) {
    const known = args.listed?.find((a) => a.symbol === r.symbol && a.decimals === r.decimals)
    if (known) {
      reserves.push({ symbol: r.symbol, asset: known.address, decimals: r.decimals, priceFeed: known.priceFeed })
      continue
    }
    const asset = await d.deploy(r.symbol, tokenArt.abi, tokenArt.bytecode, [r.symbol, r.symbol, r.decimals])
    const priceFeed = await d.deploy(`${r.symbol} / USD feed`, args.priceFeed.abi, args.priceFeed.bytecode, [
      8,
      `${r.symbol} / USD`,
      r.priceE8,
    ])
    reserves.push({ symbol: r.symbol, asset, decimals: r.decimals, priceFeed })
  }

  const oracleArt = art('misc/AaveOracle.sol/AaveOracle')
  const oracle = await d.deploy('AaveOracle', oracleArt.abi, oracleArt.bytecode, [
    provider,
    reserves.map((r) => r.asset),
    reserves.map((r) => r.priceFeed),
    zeroAddress,
    zeroAddress,
    10n ** 8n,
  ])
  await d.send(provider, providerArt.abi, 'setPriceOracle', [oracle])

  const dataProviderArt = art('misc/AaveProtocolDataProvider.sol/AaveProtocolDataProvider')
  const dataProvider = await d.deploy('AaveProtocolDataProvider', dataProviderArt.abi, dataProviderArt.bytecode, [provider])
  await d.send(provider, providerArt.abi, 'setPoolDataProvider', [dataProvider])

  const aTokenArt = art('protocol/tokenization/AToken.sol/AToken')
  const stableArt = art('protocol/tokenization/StableDebtToken.sol/StableDebtToken')
  const variableArt = art('protocol/tokenization/VariableDebtToken.sol/VariableDebtToken')
  const aTokenImpl = await d.deploy('AToken', aTokenArt.abi, aTokenArt.bytecode, [pool])
  const stableImpl = await d.deploy('StableDebtToken', stableArt.abi, stableArt.bytecode, [pool])
  const variableImpl = await d.deploy('VariableDebtToken', variableArt.abi, variableArt.bytecode, [pool])

  const strategyArt = art('protocol/pool/DefaultReserveInterestRateStrategy.sol/DefaultReserveInterestRateStrategy')
  const inputs = []
  for (const [i, r] of args.reserves.entries()) {
    const strategy = await d.deploy(`${r.symbol} rate strategy`, strategyArt.abi, strategyArt.bytecode, [
      provider,
      r.optimalUsageRatio,
      r.baseVariableBorrowRate,
      r.variableRateSlope1,
      r.variableRateSlope2,
      r.stableRateSlope1,
      r.stableRateSlope2,
      r.baseStableRateOffset,
      r.stableRateExcessOffset,
      r.optimalStableToTotalDebtRatio,
    ])
    inputs.push({
      aTokenImpl,
      stableDebtTokenImpl: stableImpl,
      variableDebtTokenImpl: variableImpl,
      underlyingAssetDecimals: r.decimals,
      interestRateStrategyAddress: strategy,
      underlyingAsset: reserves[i]!.asset,
      treasury: admin,
      incentivesController: zeroAddress,
      aTokenName: `Aave Devnet ${r.symbol}`,
      aTokenSymbol: `a${r.symbol}`,
      variableDebtTokenName: `Aave Devnet Variable Debt ${r.symbol}`,
      variableDebtTokenSymbol: `variableDebt${r.symbol}`,
      stableDebtTokenName: `Aave Devnet Stable Debt ${r.symbol}`,
      stableDebtTokenSymbol: `stableDebt${r.symbol}`,
      params: '0x' as Hex,
    })
  }
  await d.send(configurator, configuratorArt.abi, 'initReserves', [inputs])

  const cfg = (fn: string, fnArgs: readonly unknown[]) => d.send(configurator, configuratorArt.abi as Abi, fn as never, fnArgs as never)
  for (const [i, r] of args.reserves.entries()) {
    const asset = reserves[i]!.asset
    if (r.liquidationThresholdBps > 0) {
      await cfg('configureReserveAsCollateral', [asset, r.ltvBps, r.liquidationThresholdBps, r.liquidationBonusBps])
    }
    await cfg('setReserveBorrowing', [asset, r.borrowingEnabled])
    if (r.stableBorrowingEnabled) await cfg('setReserveStableRateBorrowing', [asset, true])
    await cfg('setReserveFactor', [asset, r.reserveFactorBps])
    if (r.supplyCap > 0n) await cfg('setSupplyCap', [asset, r.supplyCap])
    if (r.borrowCap > 0n) await cfg('setBorrowCap', [asset, r.borrowCap])
    // before anyone supplies: a debt ceiling can only be set on a reserve without suppliers
    if (r.debtCeiling) await cfg('setDebtCeiling', [asset, r.debtCeiling])
    if (r.borrowableInIsolation) await cfg('setBorrowableInIsolation', [asset, true])
    if (r.siloedBorrowing) await cfg('setSiloedBorrowing', [asset, true])
  }
  for (const e of args.eModeCategories) {
    await cfg('setEModeCategory', [e.id, e.ltvBps, e.liquidationThresholdBps, e.liquidationBonusBps, zeroAddress, e.label])
  }
  for (const [i, r] of args.reserves.entries()) {
    if (r.eModeCategory !== 0) await cfg('setAssetEModeCategory', [reserves[i]!.asset, r.eModeCategory])
  }

  let priceOracleSentinel: Address | null = null
  let sequencerOracle: Address | null = null
  if (args.sequencerGracePeriodSeconds !== undefined) {
    const seqArt = art('mocks/oracle/SequencerOracle.sol/SequencerOracle')
    sequencerOracle = await d.deploy('SequencerOracle', seqArt.abi, seqArt.bytecode, [admin])
    // up since the epoch: liquidations and borrows allowed until the devnet says otherwise
    await d.send(sequencerOracle, seqArt.abi, 'setAnswer' as never, [false, 1n] as never)
    const sentinelArt = art('protocol/configuration/PriceOracleSentinel.sol/PriceOracleSentinel')
    priceOracleSentinel = await d.deploy('PriceOracleSentinel', sentinelArt.abi, sentinelArt.bytecode, [provider, sequencerOracle, BigInt(args.sequencerGracePeriodSeconds)])
    await d.send(provider, providerArt.abi, 'setPriceOracleSentinel' as never, [priceOracleSentinel] as never)
  }

  return { pool, poolImplementation: poolImpl, poolAddressesProvider: provider, poolConfigurator: configurator, oracle, dataProvider, aclManager: acl, priceOracleSentinel, sequencerOracle, reserves }
}
