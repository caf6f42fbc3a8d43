import { z } from 'zod'
import { addressSchema, bytes32Schema } from '../../config/schemas.js'
import { DEVNET_ACCOUNTS } from '../../devnet/accounts.js'
import type { DevnetProtocol } from '../../devnet/types.js'
import { DevnetError } from '../../errors/index.js'
import { createPlainMorphoMarkets } from './devnet/createPlainMorphoMarkets.js'
import { deployMorphoBlue, type DeployedMorphoBlue } from './devnet/deployMorphoBlue.js'
import { compileMorphoDevnetContracts } from './devnet/morphoArtifacts.js'
import { devnetMorphoMarkets, type DevnetMorphoMarketParams } from './devnet/morphoMarketParams.js'
import { MORPHO_DEMO_BOOKS, seedMorphoBlue, seedUnlistedMorphoDemo, UNLISTED_MORPHO_DEMO_BOOKS } from './devnet/seedMorphoBlue.js'

/** The Morpho Blue markets each devnet chain lists (each imitating a real market), by chain key. */
const MARKETS: Readonly<Record<string, readonly DevnetMorphoMarketParams[]>> = { 'devnet-l1': devnetMorphoMarkets.l1, 'devnet-base': devnetMorphoMarkets.base }

/**
 * Markets in all on a chain, listed and plain (the rest are plain markets,
 * mostly empty): a large real chain has well over a thousand, which a reader
 * indexing every market must handle. Chains not named keep only their listed markets.
 */
const MARKET_COUNT: Readonly<Record<string, number>> = { 'devnet-l1': 1_100 }

const marketSchema = z.object({
  /** Market id: keccak256(abi.encode(MarketParams)). */
  id: bytes32Schema,
  label: z.string(),
  loanSymbol: z.string(),
  collateralSymbol: z.string(),
  loanToken: addressSchema,
  collateralToken: addressSchema,
  oracle: addressSchema,
  irm: addressSchema,
  /** LLTV, WAD, as a decimal string. */
  lltv: z.string().regex(/^\d+$/),
  /** The real market it is modelled on: id and chain. */
  imitates: z.string(),
})

const unlistedDemoMarketSchema = z.object({
  id: bytes32Schema,
  /** e.g. `WBTC/USDC 86% #12`: collateral/loan, LLTV and the plain market's number. */
  label: z.string(),
  loanSymbol: z.string(),
  collateralSymbol: z.string(),
  loanToken: addressSchema,
  collateralToken: addressSchema,
  oracle: addressSchema,
  /** feedRatio: a DevnetMorphoOracle over the tokens' USD feeds; fixedPrice: a DevnetFixedPriceOracle (no feed). */
  oracleKind: z.enum(['feedRatio', 'fixedPrice']),
  irm: addressSchema,
  /** LLTV, WAD, as a decimal string. */
  lltv: z.string().regex(/^\d+$/),
  /** The demo wallet's position: a borrow against collateral, or a lender's supply. */
  demoPosition: z.enum(['borrow', 'supply']),
})

const manifestSchema = z.object({
  /** Morpho Blue on this chain, or null. */
  morphoBlue: z
    .object({
      morpho: addressSchema,
      /** The block Morpho was deployed at (its CreateMarket logs start there). */
      deploymentBlock: z.number().int().nonnegative(),
      /** Markets created on the chain in all, listed and plain. */
      marketCount: z.number().int().nonnegative(),
      /** The listed markets (the chain list file's). */
      markets: z.array(marketSchema),
      /** Plain markets, not in the chain list file, where the demo wallet has a position. */
      unlistedDemoMarkets: z.array(unlistedDemoMarketSchema),
    })
    .nullable(),
})

/**
 * Morpho Blue (compiled from its npm source) on the devnet chains that list
 * markets: one feed-ratio oracle per listed market over the chain's USD feeds
 * (a devnet price moves every protocol together), a fixed-rate curve IRM, the
 * liquidity provider's supply and the demo wallet's positions; on the L1,
 * plain markets up to MARKET_COUNT (several oracles, LLTVs and IRMs, mostly
 * empty) and demo positions in a few of them.
 */
export const morphoBlueDevnet: DevnetProtocol<DeployedMorphoBlue, typeof manifestSchema.shape> = {
  key: 'morpho-blue',
  async compile(cacheDir) {
    await compileMorphoDevnetContracts(cacheDir)
  },
  async deploy(ctx) {
    const markets = MARKETS[ctx.chain.key]
    if (!markets || markets.length === 0) return null
    if (!ctx.usdOracle) throw new DevnetError(`Morpho Blue on ${ctx.chain.key} needs the chain's USD oracle: list it after a step that prices the tokens.`)
    const contracts = await compileMorphoDevnetContracts(ctx.cacheDir)
    const deployed = await deployMorphoBlue(ctx.deployer, { contracts, assets: ctx.assets, markets, liquidityProvider: DEVNET_ACCOUNTS.liquidityProvider })
    await seedMorphoBlue(ctx.deployer, deployed, contracts.morpho.abi, MORPHO_DEMO_BOOKS[ctx.chain.key] ?? [])
    const plainCount = Math.max(0, (MARKET_COUNT[ctx.chain.key] ?? 0) - markets.length)
    const plain = plainCount > 0 ? await createPlainMorphoMarkets(ctx.deployer, { morpho: deployed.morpho, contracts, assets: ctx.assets, count: plainCount }) : { created: 0, markets: [] }
    const unlistedDemoMarkets = await seedUnlistedMorphoDemo(ctx.deployer, {
      morpho: deployed.morpho,
      morphoAbi: contracts.morpho.abi,
      markets: plain.markets,
      assets: ctx.assets,
      books: UNLISTED_MORPHO_DEMO_BOOKS[ctx.chain.key] ?? [],
    })
    return { ...deployed, marketCount: markets.length + plain.created, unlistedDemoMarkets }
  },
  chainsFileEntries: (d, ctx) => [
    {
      morpho: d.morpho,
      // the server indexes every market from Morpho's CreateMarket logs from this block on
      deploymentBlock: d.deploymentBlock,
      // only the listed markets, each labelled after the real market it imitates
      markets: d.markets.map((m) => ({ id: m.id, label: m.label, source: m.imitates })),
      // the chain's USD prices of Morpho's tokens: the devnet's USD oracle over the same feeds
      usdOracle: ctx.usdOracle,
    },
  ],
  manifestSchema,
  manifest: (d) => ({ morphoBlue: d }),
}
