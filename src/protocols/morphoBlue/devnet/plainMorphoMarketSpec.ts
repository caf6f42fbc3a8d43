/**
 * The devnet's plain Morpho Blue markets (no listing, no MetaMorpho vault),
 * the bulk that makes a devnet chain look like a real one with over a
 * thousand markets: which collateral/loan pair, oracle kind, LLTV and IRM
 * market number n has. Plain data and arithmetic, no I/O.
 */

/**
 * The non-zero LLTVs Morpho's governance enabled at deployment, WAD
 * (0.385e18 = 38.5%). Source in MORPHO_GOVERNANCE_LLTVS_SOURCE; LLTV 0 (idle
 * markets, nothing borrowable) is left out.
 */
export const MORPHO_GOVERNANCE_LLTVS: readonly bigint[] = [
  385_000_000_000_000_000n,
  625_000_000_000_000_000n,
  770_000_000_000_000_000n,
  860_000_000_000_000_000n,
  915_000_000_000_000_000n,
  945_000_000_000_000_000n,
  965_000_000_000_000_000n,
  980_000_000_000_000_000n,
]

export const MORPHO_GOVERNANCE_LLTVS_SOURCE =
  'morpho-org/morpho-blue-deployment script/morpho/config/ethereum.json (commit 648a8abdd39a974eb1152f553e24004bc459ea46) "lltvs": [0, 385000000000000000, 625000000000000000, 770000000000000000, 860000000000000000, 915000000000000000, 945000000000000000, 965000000000000000, 980000000000000000], each enabled by script/morpho/DeployMorpho.sol (morpho.enableLltv) when Morpho Blue was deployed'

/** How a plain market is priced. */
export type PlainOracleKind =
  /** A DevnetMorphoOracle over the chain's USD feeds of the two tokens: xmargin can trace its price. */
  | 'feedRatio'
  /** A DevnetFixedPriceOracle: a price set at deployment, no feed (opaque to xmargin). */
  | 'fixedPrice'

const ORACLE_KINDS: readonly PlainOracleKind[] = ['feedRatio', 'fixedPrice']

/**
 * IRMs per generation of plain markets. IRM number k (counted over all
 * generations) is address(0) for k = 0 (no interest; Morpho Blue allows it
 * once enabled) and a DevnetCurveIrm at a rate at target of k · 2% per year
 * for k ≥ 1.
 */
const IRMS_PER_GENERATION = 4

/** Rate at target of IRM number k ≥ 1, per year, in percent. */
export const PLAIN_IRM_RATE_STEP_PERCENT = 2

/** One plain market by number: indexes into the chain's token list, and its oracle kind, LLTV and IRM number. */
export type PlainMarketSpec = {
  /** The market's number n (0, 1, 2, …): the same n is always the same market. */
  readonly index: number
  /** Index of the collateral token in the chain's token list. */
  readonly collateral: number
  /** Index of the loan token in the chain's token list (never the collateral's). */
  readonly loan: number
  readonly oracleKind: PlainOracleKind
  /** LLTV, WAD: one of MORPHO_GOVERNANCE_LLTVS. */
  readonly lltv: bigint
  /** IRM number: 0 = address(0), k ≥ 1 = a DevnetCurveIrm at k · PLAIN_IRM_RATE_STEP_PERCENT % per year at target. */
  readonly irm: number
}

/**
 * How many distinct plain markets one generation holds over `tokenCount`
 * tokens: ordered pairs × oracle kinds × LLTVs × IRMs per generation
 * (9 tokens: 72 · 2 · 8 · 4 = 4,608).
 */
export function plainGenerationSize(tokenCount: number): number {
  return tokenCount * (tokenCount - 1) * ORACLE_KINDS.length * MORPHO_GOVERNANCE_LLTVS.length * IRMS_PER_GENERATION
}

/**
 * Plain market number `index` over `tokenCount` tokens. Markets are numbered
 * in generations of plainGenerationSize(tokenCount); generation g uses IRM
 * numbers g·4 … g·4 + 3, so no two numbers give the same parameters. Inside
 * a generation the number is spread by a fixed multiplier coprime to the
 * generation size (a bijection), so any run of consecutive numbers mixes
 * pairs, oracle kinds, LLTVs and IRMs rather than walking one LLTV at a time.
 * @throws RangeError when there are fewer than two tokens or the index is negative.
 */
export function plainMarketSpec(tokenCount: number, index: number): PlainMarketSpec {
  if (tokenCount < 2) throw new RangeError(`plain Morpho markets need two tokens or more, got ${tokenCount}`)
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`plain market number must be a non-negative integer, got ${index}`)
  const size = plainGenerationSize(tokenCount)
  const generation = Math.floor(index / size)
  const spread = (((index % size) * spreadMultiplier(size)) % size)
  const lltvs = MORPHO_GOVERNANCE_LLTVS.length
  const lltv = spread % lltvs
  const irm = Math.floor(spread / lltvs) % IRMS_PER_GENERATION
  const oracle = Math.floor(spread / (lltvs * IRMS_PER_GENERATION)) % ORACLE_KINDS.length
  const pair = Math.floor(spread / (lltvs * IRMS_PER_GENERATION * ORACLE_KINDS.length))
  // ordered pair number → (collateral, loan), collateral ≠ loan
  const collateral = Math.floor(pair / (tokenCount - 1))
  const other = pair % (tokenCount - 1)
  return {
    index,
    collateral,
    loan: other < collateral ? other : other + 1,
    oracleKind: ORACLE_KINDS[oracle]!,
    lltv: MORPHO_GOVERNANCE_LLTVS[lltv]!,
    irm: generation * IRMS_PER_GENERATION + irm,
  }
}

/** The first integer from ⌊0.618·size⌋ up that is coprime to `size` (so n ↦ n·m mod size is a bijection). */
function spreadMultiplier(size: number): number {
  for (let m = Math.max(1, Math.floor(size * 0.618)); ; m++) if (gcd(m, size) === 1) return m
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b]
  return a
}
