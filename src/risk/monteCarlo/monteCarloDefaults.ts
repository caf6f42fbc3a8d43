/**
 * Default Student-t degrees of freedom for daily crypto log returns: the ν
 * whose kurtosis, 3 + 6/(ν − 4), equals Bitcoin's daily-return kurtosis of
 * 10.9342 (2534 observations; "Estimated SGED parameters: unconditional
 * distribution of returns", Table 2 of Review of Quantitative Finance and
 * Accounting 59(2):695–716, 2022, doi:10.1007/s11156-022-01055-x,
 * PMC8984083): ν = 4 + 6/(10.9342 − 3) ≈ 4.756.
 */
export const DEFAULT_DEGREES_OF_FREEDOM = 4 + 6 / (10.9342 - 3)

/** Where DEFAULT_DEGREES_OF_FREEDOM comes from, as the API reports it. */
export const DEFAULT_DEGREES_OF_FREEDOM_SOURCE =
  'ν = 4 + 6/(κ − 3) with κ = 10.9342, the kurtosis of daily BTC returns in Rev. Quant. Finance Acc. 59(2):695–716 (2022), Table 2, doi:10.1007/s11156-022-01055-x'

/** Paths when a request does not say. */
export const DEFAULT_PATHS = 10_000

/** VaR / ES confidence when a request does not say. */
export const DEFAULT_CONFIDENCE = 0.99

/** Seed when a request does not say: a fixed one, so the same query gives the same answer. */
export const DEFAULT_SEED = 1

/** Monitoring steps when a request does not say: one per day of the horizon, at most this many. */
export const DEFAULT_MAX_STEPS = 30
