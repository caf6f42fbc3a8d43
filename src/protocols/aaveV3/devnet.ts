import { z } from 'zod'
import { addressSchema } from '../../config/schemas.js'
import { feedHeartbeatSeconds } from '../../devnet/feedHeartbeats.js'
import { DevnetError } from '../../errors/index.js'
import type { DevnetAsset, DevnetProtocol } from '../../devnet/types.js'
import { compileAaveV36Contracts } from './devnet/aaveV36Artifacts.js'
import { deployAaveV3Market, type DeployedAaveMarket } from './devnet/deployAaveV3.js'
import { deployAaveV36Market, type DeployedAaveV36Market } from './devnet/deployAaveV36.js'
import { devnetMarkets, type DevnetMarketParams } from './devnet/marketParams.js'
import { devnetMarkets36, pricesE8At2026, type DevnetMarketParams36 } from './devnet/marketParams36.js'
import { DEMO_BOOKS, seedMarket } from './devnet/seedAaveV3.js'

export { sparkLendDevnet } from './devnet/sparkLendDevnet.js'

/** Aave's grace period after the sequencer comes back up on its L2 markets, seconds (PriceOracleSentinel). */
const SEQUENCER_GRACE_PERIOD_SECONDS = 3600

/**
 * The market each devnet chain runs, by chain key: today's logic (v3.6,
 * compiled from `@aave-dao/aave-v3-origin@3.6.0`) on the Ethereum-like and
 * Base-like chains, v3.0.2 (`@aave/core-v3` artifacts: stable debt, isolation
 * mode, string error codes) on the Arbitrum-like chain; each imitating a real
 * market by a dated snapshot.
 */
const MARKETS: Readonly<Record<string, { logic: '3.0'; params: DevnetMarketParams } | { logic: '3.6'; params: DevnetMarketParams36 }>> = {
  'devnet-l1': { logic: '3.6', params: devnetMarkets36.l1 },
  'devnet-arb': { logic: '3.0', params: atSharedPrices(devnetMarkets.arb) },
  'devnet-base': { logic: '3.6', params: devnetMarkets36.base },
}

/**
 * A v3.0 market repriced to the v3.6 markets' prices (marketParams36.ts), so
 * one risk factor has one price on every devnet chain; an asset they do not
 * price (ARB) keeps its snapshot's price.
 */
function atSharedPrices(m: DevnetMarketParams): DevnetMarketParams {
  const shared: Readonly<Record<string, bigint>> = { WETH: pricesE8At2026.ETH, WBTC: pricesE8At2026.BTC, USDC: pricesE8At2026.USD, USDT: pricesE8At2026.USD, wstETH: pricesE8At2026.wstETH, weETH: pricesE8At2026.weETH, cbETH: pricesE8At2026.cbETH }
  return { ...m, reserves: m.reserves.map((r) => ({ ...r, priceE8: shared[r.symbol] ?? r.priceE8 })) }
}

/** A deployed devnet Aave market and the logic it runs. */
export type DeployedDevnetAaveMarket = (DeployedAaveMarket & { logic: '3.0' }) | (DeployedAaveV36Market & { logic: '3.6' })

const manifestSchema = z.object({
  aaveV3: z.object({
    /** The logic the Pool runs: v3.0.2 or v3.6. */
    version: z.enum(['3.0', '3.6']),
    pool: addressSchema,
    poolAddressesProvider: addressSchema,
    poolConfigurator: addressSchema,
    oracle: addressSchema,
    dataProvider: addressSchema,
    aclManager: addressSchema,
    /** v3.6 markets: the Pool implementation behind the proxy and Aave's UiPoolDataProviderV3 (the app's lens); null on v3.0. */
    poolImplementation: addressSchema.nullable(),
    uiPoolDataProvider: addressSchema.nullable(),
    /** Aave's PriceOracleSentinel and its sequencer uptime feed (L2-like chains), or null. */
    priceOracleSentinel: addressSchema.nullable(),
    sequencerOracle: addressSchema.nullable(),
    /** The real market the chain's Aave V3 imitates, and the dated snapshot its parameters come from. */
    imitates: z.string(),
    paramsSource: z.string(),
  }),
})

/** The tokens an Aave market lists, with their feeds, as the devnet's assets. */
function assetsOf(market: DeployedAaveMarket, l2: boolean): DevnetAsset[] {
  return market.reserves.map((r) => ({ symbol: r.symbol, address: r.asset, decimals: r.decimals, priceFeed: r.priceFeed, heartbeatSeconds: feedHeartbeatSeconds(r.symbol, l2) }))
}

/**
 * Aave V3 on every devnet chain: v3.6 or v3.0.2 by chain (MARKETS), a market
 * imitating a real one (each parameter sourced), its tokens and a settable
 * USD feed per token (the devnet's assets, which later steps price against),
 * the L2 sequencer gate on the L2-like chains, and the demo wallet's book
 * (seedAaveV3.ts). v3.6 is compiled once per checkout (cached by content
 * under the devnet's shared artifact cache).
 */
export const aaveV3Devnet: DevnetProtocol<DeployedDevnetAaveMarket, typeof manifestSchema.shape> = {
  key: 'aave-v3',
  async compile(cacheDir) {
    await compileAaveV36Contracts(cacheDir)
  },
  async deploy(ctx) {
    const market = MARKETS[ctx.chain.key]
    if (!market) return null
    const sequencerGracePeriodSeconds = ctx.l2 ? SEQUENCER_GRACE_PERIOD_SECONDS : undefined
    const marketId = `xmargin devnet ${ctx.chain.key}`
    const deployed: DeployedDevnetAaveMarket =
      market.logic === '3.6'
        ? {
            logic: '3.6',
            ...(await deployAaveV36Market(ctx.deployer, {
              marketId,
              artifacts: await compileAaveV36Contracts(ctx.cacheDir),
              reserves: market.params.reserves,
              eModes: market.params.eModes,
              priceFeed: ctx.contracts.priceFeed,
              sequencerGracePeriodSeconds,
            })),
          }
        : {
            logic: '3.0',
            ...(await deployAaveV3Market(ctx.deployer, {
              marketId,
              reserves: market.params.reserves,
              eModeCategories: market.params.eModeCategories,
              priceFeed: ctx.contracts.priceFeed,
              sequencerGracePeriodSeconds,
            })),
          }
    const book = DEMO_BOOKS[ctx.chain.key]
    await seedMarket(ctx.deployer, deployed, book ? [book] : [])
    return deployed
  },
  assetsOf: (deployed, { l2 }) => ({ assets: assetsOf(deployed, l2), usdOracle: deployed.oracle }),
  chainsFileEntries: (d) => [{ release: d.logic === '3.6' ? 'aave-3.6' : 'aave-3.0.2', pool: d.pool, oracle: d.oracle, poolAddressesProvider: d.poolAddressesProvider, dataProvider: d.dataProvider, ...(d.logic === '3.6' ? { poolImplementations: [d.poolImplementation] } : {}) }],
  manifestSchema,
  manifest(d, chain) {
    if (!d) throw new DevnetError(`Aave V3 is not deployed on ${chain.key}; every devnet chain runs it.`)
    const market = MARKETS[chain.key]
    const source = market?.params.source
    return {
      aaveV3: {
        version: d.logic,
        pool: d.pool,
        poolAddressesProvider: d.poolAddressesProvider,
        poolConfigurator: d.poolConfigurator,
        oracle: d.oracle,
        dataProvider: d.dataProvider,
        aclManager: d.aclManager,
        poolImplementation: d.logic === '3.6' ? d.poolImplementation : null,
        uiPoolDataProvider: d.logic === '3.6' ? d.uiPoolDataProvider : null,
        priceOracleSentinel: d.priceOracleSentinel,
        sequencerOracle: d.sequencerOracle,
        imitates: market?.params.imitates ?? 'unknown',
        paramsSource: source ? `${source.repo} ${source.path} @ ${source.commit.slice(0, 8)} (${source.date})` : 'unknown',
      },
    }
  },
}
