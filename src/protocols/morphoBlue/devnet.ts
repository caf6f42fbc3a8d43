import { z } from 'zod'
import { addressSchema, bytes32Schema } from '../../config/schemas.js'
import { DEVNET_ACCOUNTS } from '../../devnet/accounts.js'
import type { DevnetProtocol } from '../../devnet/types.js'
import { DevnetError } from '../../errors/index.js'
import { deployMorphoBlue, type DeployedMorphoBlue } from './devnet/deployMorphoBlue.js'
import { compileMorphoDevnetContracts } from './devnet/morphoArtifacts.js'
import { devnetMorphoMarkets, type DevnetMorphoMarketParams } from './devnet/morphoMarketParams.js'
import { MORPHO_DEMO_BOOKS, seedMorphoBlue } from './devnet/seedMorphoBlue.js'

/** The Morpho Blue markets each devnet chain lists (each imitating a real market), by chain key. */
const MARKETS: Readonly<Record<string, readonly DevnetMorphoMarketParams[]>> = { 'devnet-l1': devnetMorphoMarkets.l1, 'devnet-base': devnetMorphoMarkets.base }

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

const manifestSchema = z.object({
  /** Morpho Blue on this chain, or null. */
  morphoBlue: z.object({ morpho: addressSchema, markets: z.array(marketSchema) }).nullable(),
})

/**
 * Morpho Blue (compiled from its npm source) on the devnet chains that list
 * markets: one feed-ratio oracle per market over the chain's USD feeds (a
 * devnet price moves every protocol together), a fixed-rate curve IRM, the
 * liquidity provider's supply and the demo wallet's positions.
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
    return deployed
  },
  chainsFileEntries: (d, ctx) => [
    {
      morpho: d.morpho,
      markets: d.markets.map((m) => ({ id: m.id, label: m.label, source: m.imitates })),
      // the chain's USD prices of Morpho's tokens: the devnet's USD oracle over the same feeds
      usdOracle: ctx.usdOracle,
    },
  ],
  manifestSchema,
  manifest: (d) => ({ morphoBlue: d }),
}
