import type { Address } from 'viem'
import { z } from 'zod'
import { addressSchema } from '../../config/schemas.js'
import { AAVE_V3_RELEASE_IDS, AAVE_V3_RELEASES, type AaveV3ReleaseId } from './read/aaveV3Releases.js'

/**
 * One Pool of Aave V3's code on one chain: an Aave market or a fork's
 * (SparkLend). Which logic it runs comes from `release` and the chain (see
 * read/identifyAaveV3Logic.ts), never from the Pool revision alone.
 */
export type AaveV3Deployment = {
  /** Market name as its registry spells it, e.g. `AaveV3Ethereum`, `SparkLend`. */
  readonly market?: string
  /** The release of the code its Pool runs (read/aaveV3Releases.ts). */
  readonly release: AaveV3ReleaseId
  /** Where the market's move to that release was published (AIP and payload, spell), for the published markets. */
  readonly releaseSource?: string
  readonly pool: Address
  readonly oracle: Address
  readonly poolAddressesProvider?: Address
  readonly dataProvider?: Address
  /**
   * The Pool implementations (EIP-1967 slot of the Pool proxy) known to run
   * `release`. Required where the release's Pool revision is not published
   * (forks); where given, any other implementation is refused.
   */
  readonly poolImplementations?: readonly Address[]
  /** Where the addresses were published (package and export, or repo + path + commit). */
  readonly source?: string
}

/**
 * An Aave V3 or SparkLend market as a chain list file gives it
 * (`protocols["aave-v3"]` or `protocols["sparklend"]` of a chain), e.g.
 * `{ "release": "aave-3.0.2", "pool": "0x…", "oracle": "0x…" }`.
 */
export const aaveV3DeploymentSchema: z.ZodType<AaveV3Deployment> = z
  .object({
    market: z.string().optional(),
    release: z.enum(AAVE_V3_RELEASE_IDS),
    releaseSource: z.string().optional(),
    pool: addressSchema,
    oracle: addressSchema,
    poolAddressesProvider: addressSchema.optional(),
    dataProvider: addressSchema.optional(),
    poolImplementations: z.array(addressSchema).optional(),
    source: z.string().optional(),
  })
  .refine((d) => AAVE_V3_RELEASES[d.release].poolRevision !== null || AAVE_V3_RELEASES[d.release].logic === null || (d.poolImplementations?.length ?? 0) > 0, {
    message: 'this release publishes no Pool revision: list its poolImplementations',
    path: ['poolImplementations'],
  })
