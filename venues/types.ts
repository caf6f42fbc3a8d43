/** An off-chain perps venue's public endpoint, with where it is documented. */
export type ApiVenueConfig = {
  readonly key: string
  /** Default endpoint (mainnet). */
  readonly endpoint: string
  /** Environment variable that overrides it. */
  readonly envVar: string
  readonly source: string
}
