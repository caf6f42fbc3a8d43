import type { Address, Hex } from 'viem'
import { z } from 'zod'
import { addressSchema, bytes32Schema } from '../../config/schemas.js'

/** A Morpho Blue market read for every owner on a chain. */
export type MorphoBlueMarketRef = {
  /** Market id: keccak256(abi.encode(loanToken, collateralToken, oracle, irm, lltv)). */
  readonly id: Hex
  /** e.g. `wstETH/WETH 94.5%`: collateral/loan and LLTV. */
  readonly label?: string
  /** Where the id and parameters were published. */
  readonly source?: string
}

/**
 * Morpho Blue on one chain (one singleton contract). Morpho Blue has
 * thousands of permissionless markets and no on-chain index of a user's
 * markets: with `deploymentBlock`, xmargin indexes every market from
 * Morpho's `CreateMarket` events from that block on and reads the owner's
 * position in each; `markets` are read in any case (and give labels).
 */
export type MorphoBlueDeployment = {
  readonly morpho: Address
  /**
   * The block Morpho was deployed at (where the market index starts
   * scanning `CreateMarket` logs); absent: only `markets` are read.
   */
  readonly deploymentBlock?: number | undefined
  readonly markets: readonly MorphoBlueMarketRef[]
  /**
   * The chain's USD price source for Morpho's tokens: a contract answering
   * AaveOracle's `getAssetsPrices(address[])` in USD with 8 decimals (the
   * chain's Aave V3 oracle); null where there is none (USD figures then 0,
   * health in loan units).
   */
  readonly usdOracle: Address | null
  /** Where the address was published. */
  readonly source?: string
}

/** Morpho Blue as a chain list file gives it (`protocols["morpho-blue"]` of a chain). */
export const morphoBlueDeploymentSchema: z.ZodType<MorphoBlueDeployment> = z.object({
  morpho: addressSchema,
  deploymentBlock: z.number().int().nonnegative().optional(),
  markets: z.array(z.object({ id: bytes32Schema, label: z.string().optional(), source: z.string().optional() })),
  usdOracle: addressSchema.nullable(),
  source: z.string().optional(),
})
