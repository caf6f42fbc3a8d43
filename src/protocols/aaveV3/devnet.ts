import { z } from 'zod'
import { addressSchema } from '../../config/schemas.js'
import { feedHeartbeatSeconds } from '../../devnet/feedHeartbeats.js'
import { DevnetError } from '../../errors/index.js'
import type { DevnetAsset, DevnetProtocol } from '../../devnet/types.js'
import { deployAaveV3Market, type DeployedAaveMarket } from './devnet/deployAaveV3.js'
import { devnetMarkets, type DevnetMarketParams } from './devnet/marketParams.js'
import { DEMO_BOOKS, seedMarket } from './devnet/seedAaveV3.js'

/** Aave's grace period after the sequencer comes back up on its L2 markets, seconds (PriceOracleSentinel). */
const SEQUENCER_GRACE_PERIOD_SECONDS = 3600

/** The market each devnet chain runs (the real market it imitates, by a dated snapshot), by chain key. */
const MARKETS: Readonly<Record<string, DevnetMarketParams>> = { 'devnet-l1': devnetMarkets.l1, 'devnet-arb': devnetMarkets.arb, 'devnet-base': devnetMarkets.base }

const manifestSchema = z.object({
  aaveV3: z.object({
    version: z.literal('3.0'),
    pool: addressSchema,
    poolAddressesProvider: addressSchema,
    poolConfigurator: addressSchema,
    oracle: addressSchema,
    dataProvider: addressSchema,
    aclManager: addressSchema,
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
 * Aave V3 (v3.0.x, the `@aave/core-v3` artifacts) on every devnet chain: a
 * market imitating a real one (marketParams.ts, each parameter sourced), its
 * tokens and a settable USD feed per token (the devnet's assets, which later
 * steps price against), the L2 sequencer gate on the L2-like chains, and the
 * demo wallet's book (seedAaveV3.ts).
 */
export const aaveV3Devnet: DevnetProtocol<DeployedAaveMarket, typeof manifestSchema.shape> = {
  key: 'aave-v3',
  async deploy(ctx) {
    const market = MARKETS[ctx.chain.key]
    if (!market) return null
    const deployed = await deployAaveV3Market(ctx.deployer, {
      marketId: `xmargin devnet ${ctx.chain.key}`,
      reserves: market.reserves,
      eModeCategories: market.eModeCategories,
      priceFeed: ctx.contracts.priceFeed,
      sequencerGracePeriodSeconds: ctx.l2 ? SEQUENCER_GRACE_PERIOD_SECONDS : undefined,
    })
    const book = DEMO_BOOKS[ctx.chain.key]
    await seedMarket(ctx.deployer, deployed, book ? [book] : [])
    return deployed
  },
  assetsOf: (deployed, { l2 }) => ({ assets: assetsOf(deployed, l2), usdOracle: deployed.oracle }),
  chainsFileEntries: (d) => [{ release: 'aave-3.0.2', pool: d.pool, oracle: d.oracle, poolAddressesProvider: d.poolAddressesProvider, dataProvider: d.dataProvider }],
  manifestSchema,
  manifest(d, chain) {
    if (!d) throw new DevnetError(`Aave V3 is not deployed on ${chain.key}; every devnet chain runs it.`)
    const market = MARKETS[chain.key]
    return {
      aaveV3: {
        version: '3.0',
        pool: d.pool,
        poolAddressesProvider: d.poolAddressesProvider,
        poolConfigurator: d.poolConfigurator,
        oracle: d.oracle,
        dataProvider: d.dataProvider,
        aclManager: d.aclManager,
        priceOracleSentinel: d.priceOracleSentinel,
        sequencerOracle: d.sequencerOracle,
        imitates: market?.imitates ?? 'unknown',
        paramsSource: market ? `${market.source.repo} ${market.source.path} @ ${market.source.commit.slice(0, 8)} (${market.source.date})` : 'unknown',
      },
    }
  },
}
