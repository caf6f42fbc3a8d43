import type { Address } from 'viem'
import { z } from 'zod'
import { addressSchema } from '../../config/schemas.js'

/**
 * Aave V3 release whose logic a deployment runs. The release decides how
 * xmargin reads it: v3.0 has stable debt and eMode price sources; v3.2 removed
 * stable borrowing; v3.3 changed the close factor and liquidation dust rules.
 */
export type AaveV3Version = '3.0' | '3.1' | '3.2' | '3.3' | '3.4' | '3.5' | '3.6' | '3.7'

/** One Aave V3 market (one Pool) on one chain. */
export type AaveV3Deployment = {
  /** Market name as the address book spells it, e.g. `AaveV3Ethereum`. */
  readonly market?: string
  readonly version: AaveV3Version
  readonly pool: Address
  readonly oracle: Address
  readonly poolAddressesProvider?: Address
  readonly dataProvider?: Address
  /** Where the addresses were published (package and export, or URL). */
  readonly source?: string
}

/** An Aave V3 market as a chain list file gives it (`protocols["aave-v3"]` of a chain). */
export const aaveV3DeploymentSchema: z.ZodType<AaveV3Deployment> = z.object({
  market: z.string().optional(),
  version: z.enum(['3.0', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7']),
  pool: addressSchema,
  oracle: addressSchema,
  poolAddressesProvider: addressSchema.optional(),
  dataProvider: addressSchema.optional(),
  source: z.string().optional(),
})
