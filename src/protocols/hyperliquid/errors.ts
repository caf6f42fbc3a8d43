import { VenueDataUnavailableError } from '../../errors/index.js'

/**
 * A HIP-3 dex whose collateral token xmargin holds no spot price for: its
 * figures are in that token, so its venues are answered unavailable rather
 * than shown in USD at a guessed rate; read again next time.
 */
export class HyperliquidCollateralUnpricedError extends VenueDataUnavailableError {
  override name = 'HyperliquidCollateralUnpricedError'
  constructor(
    readonly dex: string,
    readonly collateralToken: string,
  ) {
    super(
      `Hyperliquid HIP-3 dex ${dex} reports its figures in ${collateralToken}, and no spot price for ${collateralToken} was found (spotMetaAndAssetCtxs did not answer, or lists no ${collateralToken}/USDC pair): its venues are not shown in USD; retry later.`,
    )
  }
}
