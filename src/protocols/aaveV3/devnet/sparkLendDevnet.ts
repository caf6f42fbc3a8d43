import type { Address } from 'viem'
import { z } from 'zod'
import { addressSchema } from '../../../config/schemas.js'
import { feedHeartbeatSeconds } from '../../../devnet/feedHeartbeats.js'
import { DEVNET_ACCOUNTS } from '../../../devnet/accounts.js'
import type { DevnetProtocol } from '../../../devnet/types.js'
import { deployAaveV3Market, type DeployedAaveMarket } from './deployAaveV3.js'
import { seedMarket, type SeedBook } from './seedAaveV3.js'
import { spark } from './sparkParams.js'

/** The devnet chain SparkLend runs on, beside Aave v3.6 (as on Ethereum). */
const SPARK_CHAIN = 'devnet-l1'

/**
 * The demo wallet's SparkLend book (Spark's parameters, the chain's shared
 * WETH/wstETH/WBTC feeds): wstETH and WBTC against DAI and WETH.
 */
const SPARK_DEMO_BOOK: SeedBook = {
  account: DEVNET_ACCOUNTS.demo,
  supply: [
    ['wstETH', '4'],
    ['WBTC', '0.2'],
  ],
  borrow: [
    ['DAI', '6000', 'variable'],
    ['WETH', '1', 'variable'],
  ],
}

/** A deployed devnet SparkLend market, and the tokens it listed itself (the others are the chain's). */
export type DeployedSparkLendMarket = DeployedAaveMarket & { readonly ownTokens: readonly Address[] }

const manifestSchema = z.object({
  /** SparkLend (v1.0.0 = Aave v3.0.2 logic, from the `@aave/core-v3` artifacts) on the Ethereum-like chain, or null. */
  sparkLend: z
    .object({
      pool: addressSchema,
      poolImplementation: addressSchema,
      poolAddressesProvider: addressSchema,
      poolConfigurator: addressSchema,
      oracle: addressSchema,
      dataProvider: addressSchema,
      imitates: z.string(),
      paramsSource: z.string(),
    })
    .nullable(),
})

/**
 * SparkLend on the Ethereum-like chain: Aave v3.0.2 logic (what SparkLend
 * v1.0.0 forks) deployed from the `@aave/core-v3` artifacts with Spark's
 * parameters (sparkParams.ts, dated and cited), listing the chain's WETH,
 * wstETH and WBTC with their feeds and its own DAI and sDAI; seeded with the
 * demo wallet's book. Runs after Aave's step (it reuses Aave's tokens).
 */
export const sparkLendDevnet: DevnetProtocol<DeployedSparkLendMarket, typeof manifestSchema.shape> = {
  key: 'sparklend',
  async deploy(ctx) {
    if (ctx.chain.key !== SPARK_CHAIN) return null
    const deployed = await deployAaveV3Market(ctx.deployer, {
      marketId: `xmargin devnet ${ctx.chain.key} SparkLend`,
      reserves: spark.reserves,
      eModeCategories: spark.eModeCategories,
      priceFeed: ctx.contracts.priceFeed,
      listed: ctx.assets,
    })
    await seedMarket(ctx.deployer, deployed, [SPARK_DEMO_BOOK])
    const shared = new Set(ctx.assets.map((a) => a.address))
    return { ...deployed, ownTokens: deployed.reserves.map((r) => r.asset).filter((a) => !shared.has(a)) }
  },
  assetsOf: (d, { l2 }) => ({
    assets: d.reserves.filter((r) => d.ownTokens.includes(r.asset)).map((r) => ({ symbol: r.symbol, address: r.asset, decimals: r.decimals, priceFeed: r.priceFeed, heartbeatSeconds: feedHeartbeatSeconds(r.symbol, l2) })),
    usdOracle: null,
  }),
  // SparkLend v1.0.0 publishes no revision of its own: its Pools are pinned by implementation, the devnet's like mainnet's
  chainsFileEntries: (d) => [{ release: 'sparklend-1.0.0', poolImplementations: [d.poolImplementation], pool: d.pool, oracle: d.oracle, poolAddressesProvider: d.poolAddressesProvider, dataProvider: d.dataProvider }],
  manifestSchema,
  manifest: (d) => ({
    sparkLend: d
      ? {
          pool: d.pool,
          poolImplementation: d.poolImplementation,
          poolAddressesProvider: d.poolAddressesProvider,
          poolConfigurator: d.poolConfigurator,
          oracle: d.oracle,
          dataProvider: d.dataProvider,
          imitates: spark.imitates,
          paramsSource: `${spark.source.repo} ${spark.source.path} @ ${spark.source.commit.slice(0, 8)} (${spark.source.date})`,
        }
      : null,
  }),
}
