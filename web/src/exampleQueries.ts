/**
 * The example operations the explorer (`/explorer`) opens as tabs. Plain data
 * with no browser or React import, so a node test can validate every one
 * against `schema/*.graphql` (test/browser/exampleQueries.test.ts).
 */

import { fridayExpiryAfter, roundStrike } from './optionLegs.js'

/** One explorer tab: a named operation and the variables it runs with. */
export type ExampleQuery = {
  /** Short title (the operation's name is the tab's label in GraphiQL). */
  readonly title: string
  /** The GraphQL document: one named operation. */
  readonly query: string
  /** Whether it is a subscription (runs over WebSocket, not HTTP POST). */
  readonly subscription: boolean
  /** The variables, given the wallet to read. */
  readonly variables: (context: ExampleContext) => Record<string, unknown>
}

/** What the examples' variables are filled from. */
export type ExampleContext = {
  /** The wallet to read. */
  readonly owner: string
  /** A debt line of the wallet for the what-if example to repay part of; placeholders when unknown. */
  readonly repay?: { readonly venueId: string; readonly asset: string; readonly amount: string } | undefined
  /** What the option-legs example sizes its ETH put from; placeholders (the devnet's ETH at $3,000) when unknown. */
  readonly eth?: ExampleEth | undefined
  /** Unix ms the example's expiry counts from (default: now, so the expiry is always ahead). */
  readonly nowMs?: number | undefined
}

/** The wallet's ETH as the option-legs example needs it. */
export type ExampleEth = {
  /** ETH's USD price at a venue of the wallet. */
  readonly priceUsd: number
  /** The wallet's net ETH exposure, units of ETH (negative: short). */
  readonly netUnits: number
  /** The wallet's worst stress-grid loss now, USD. */
  readonly worstLossUsd: number
}

/** The devnet's figures, for a wallet the explorer could not read. */
const PLACEHOLDER_ETH: ExampleEth = { priceUsd: 3_000, netUnits: 40, worstLossUsd: 10_000 }

/** The wallet the examples read when the page is opened without `?owner=`: a placeholder to replace. */
export const PLACEHOLDER_OWNER = '0x0000000000000000000000000000000000000000'

const owner = (c: ExampleContext) => ({ owner: c.owner })

/**
 * The option-legs example's variables: an at-the-money ETH put on the first
 * Friday 08:00 UTC four weeks out (Deribit's expiry time; computed when the
 * explorer opens, so it never lies in the past), sized to a quarter of the
 * wallet's net ETH at 60% implied volatility, and a put of the same strike
 * and expiry to size so the worst stress loss is at most 85% of today's.
 * A short-dated put: a long-dated one loses more to the volatility-down
 * scenarios (vega) than it gains on the price moves of the scan range.
 */
export function optionLegsVariables(c: ExampleContext): Record<string, unknown> {
  const eth = c.eth ?? PLACEHOLDER_ETH
  const strike = roundStrike(eth.priceUsd)
  const expiry = fridayExpiryAfter(c.nowMs ?? Date.now(), 28)
  const size = Math.max(1, Math.round(eth.netUnits / 4))
  const maxLossUsd = Math.max(0, Math.round((eth.worstLossUsd * 0.85) / 100) * 100)
  return {
    owner: c.owner,
    legs: [{ id: 'eth-put', riskFactor: 'ETH', right: 'PUT', strike, expiry, size, impliedVolatility: 0.6 }],
    hedge: { riskFactor: 'ETH', strike, expiry, impliedVolatility: 0.6, maxLossUsd },
  }
}

/** The examples, in tab order. The first is the one a newcomer runs first. */
export const EXAMPLE_QUERIES: readonly ExampleQuery[] = [
  {
    title: 'Portfolio at a glance',
    subscription: false,
    variables: owner,
    query: `# A wallet at a glance: every venue on every chain, each
# chain's read, the unified cross-margin health and the first
# venue to liquidate.
query PortfolioAtAGlance($owner: Address!) {
  portfolio(owner: $owner) {
    owner
    venues {
      id
      protocol
      chainId
      status
      healthFactor
      healthFactorWad
      margin { collateralUsd debtUsd equityUsd }
      block { blockNumber timestamp }
      error { code message }
    }
    chains {
      chainId
      name
      status
      headAgeSeconds
      error { code message }
    }
    totals { collateralUsd debtUsd netEquityUsd }
    oneAccount {
      healthFactor
      marginRatio
      equityUsd
      liquidatable
      nettingBenefitUsd
      protocolsMaintenanceMarginUsd
    }
    firstToLiquidate { venueId changePct }
  }
}
`,
  },
  {
    title: 'Liquidation distance',
    subscription: false,
    variables: owner,
    query: `# How far prices can move before something is liquidated: per
# venue and risk factor, the nearest overall (by single-factor
# σ-distance, with its percent move and ranking), per factor,
# market-wide, and in σ of the joint move.
query LiquidationDistance($owner: Address!) {
  portfolio(owner: $owner, horizonDays: 1) {
    venues {
      id
      status
      healthFactor
      liquidationPrices {
        riskFactor
        referenceAsset
        priceUsd
        changePct
        direction
        alreadyLiquidatable
      }
      liquidationPriceGaps { riskFactor reason }
      timeToLiquidationSeconds
    }
    liquidationDistance {
      horizonDays
      nearest { venueId riskFactor priceUsd changePct sigmaDistance ranking }
      perRiskFactor { venueId riskFactor priceUsd changePct sigmaDistance ranking }
      marketWide { venueId changePct }
      marketWideDown { venueId changePct }
      marketWideUp { venueId changePct }
    }
    sigmaDistance {
      nearest { venueId sigmas shock { riskFactor move } }
      unmodelledFactors
    }
  }
}
`,
  },
  {
    title: 'Stress grid and worst cascade',
    subscription: false,
    variables: owner,
    query: `# The SPAN-style stress grid (every venue under ±1/3, ±2/3, ±1
# and ±2 scan ranges per factor and market-wide) and the
# liquidations of the worst scenario.
query StressGrid($owner: Address!) {
  portfolio(owner: $owner, scanRanges: [{ riskFactor: "ETH", scanRange: 0.15 }]) {
    stressGrid {
      scanRanges { riskFactor scanRange source }
      scanningRiskUsd
      scenarios {
        scenario { id label weight }
        venues { venueId healthFactor liquidatable }
        lossUsd
      }
      worst {
        scenario { id label moves { riskFactor move } }
        lossUsd
        liquidatedVenueIds
        liquidationCostUsd
        cascade {
          venueId
          costUsd
          exact
          note
          steps {
            debtAsset debtRepaid debtRepaidUsd
            collateralAsset collateralSeized collateralSeizedUsd
            costUsd closeFactor healthFactorAfter
          }
        }
      }
    }
  }
}
`,
  },
  {
    title: 'Historical and library scenarios',
    subscription: false,
    variables: owner,
    query: `# Sourced historical crashes replayed over the wallet, the
# built-in scenario library, and a scenario of your own.
query Scenarios($owner: Address!) {
  portfolio(owner: $owner, scenarios: [{
    name: "ETH −30%, stETH depeg 5%"
    moves: [{ riskFactor: "ETH", move: -0.3 }, { riskFactor: "WSTETH_ETH", move: -0.05 }]
  }]) {
    historicalScenarios {
      episode { id name start end sources }
      unknownFactors
      lossUsd
      liquidatedVenueIds
      liquidationCostUsd
    }
    libraryScenarios {
      kind
      basis
      sourceEpisodes
      scenario { label moves { riskFactor move } }
      lossUsd
      liquidatedVenueIds
    }
    customScenarios {
      scenario { label }
      venues { venueId healthFactor liquidatable }
      lossUsd
    }
  }
}
`,
  },
  {
    title: 'Monte Carlo VaR and ES',
    subscription: false,
    variables: owner,
    query: `# Value at risk and expected shortfall of net equity over 7
# days: fat-tailed correlated moves, every venue liquidated on
# the paths where its rule says so.
query MonteCarlo($owner: Address!) {
  portfolio(owner: $owner) {
    monteCarlo(paths: 5000, confidence: 0.99, horizonDays: 7, seed: 1) {
      paths
      steps
      distribution
      degreesOfFreedom
      equityUsd
      valueAtRiskUsd
      expectedShortfallUsd
      priceOnlyValueAtRiskUsd
      liquidationProbability
      liquidationProbabilityStandardError
      expectedLiquidationCostUsd
      venues {
        venueId
        liquidationProbability
        firstLiquidationProbability
        expectedLiquidationCostUsd
      }
      modelledFactors
      unmodelledFactors
    }
  }
}
`,
  },
  {
    title: 'Option legs, portfolio margin and hedge',
    subscription: false,
    variables: optionLegsVariables,
    query: `# An ETH put held elsewhere, against the wallet: its Black-76
# value, the Greeks per factor netted with the venues' delta,
# the SPAN requirement as one account without and with it, the
# capital one account frees, and a put sized to a loss bound.
# Venue health does not change with legs held elsewhere.
query OptionLegs($owner: Address!, $legs: [OptionLegInput!], $hedge: HedgeInput) {
  portfolio(owner: $owner, optionLegs: $legs, hedge: $hedge) {
    options {
      valueUsd
      note
      legs {
        id riskFactor right strike expiry size
        underlyingPriceUsd impliedVolatility unitPriceUsd valueUsd
        deltaUnits vegaUsdPerPoint thetaUsdPerDay
      }
      factors {
        riskFactor priceUsd
        venuesDeltaUsd optionsDeltaUsd netDeltaUsd netDeltaUnits
        gammaUnitsPerUsd dollarGammaUsd vegaUsdPerPoint thetaUsdPerDay
      }
    }
    portfolioMargin {
      parameters { riskFactor priceScanRange volatilityScanRangeUp volatilityScanRangeDown sources }
      venues {
        netted { requirementUsd setBy marginRatio equityUsd }
        nettingBenefitUsd
        protocolMaintenanceMarginUsd
        capitalFreedVsProtocolUsd
        nettedTableRequirementUsd
        capitalFreedVsTableUsd
        perVenue { venueId requirementUsd protocolMaintenanceMarginUsd capitalFreedVsProtocolUsd capitalFreedVsTableUsd }
      }
      withOptionLegs { requirementUsd setBy marginRatio }
      scanRangeComparison { riskFactor inUse { scanRange } published { scheme priceScanRange url } }
    }
    stressGrid { scanningRiskUsd worst { scenario { label } } }
    hedge {
      sizeUnits
      unitPremiumUsd
      premiumUsd
      worstLossBeforeUsd
      worstLossAfterUsd
      worstScenarioAfter
      bestSizeUnits
      note
    }
  }
}
`,
  },
  {
    title: 'What-if simulate',
    subscription: false,
    variables: (c) => ({
      owner: c.owner,
      ...(c.repay ?? { venueId: 'aave-v3:<chainId>:<pool>:<owner> (an id from the first example)', asset: 'USDC', amount: '100' }),
    }),
    query: `# What-if: ETH −20%, then repay part of a debt. No transaction
# is sent; \`simulation.warnings\` names actions a protocol
# would refuse.
query WhatIf($owner: Address!, $venueId: String!, $asset: String!, $amount: String!) {
  simulate(
    owner: $owner
    priceMoves: [{ riskFactor: "ETH", move: -0.2 }]
    actions: [{ venueId: $venueId, kind: REPAY, asset: $asset, amount: $amount }]
  ) {
    simulation {
      actions { venueId kind asset amount }
      priceMoves { riskFactor move }
      warnings
    }
    venues {
      id
      status
      healthFactor
      liquidationPrices { riskFactor priceUsd changePct }
    }
    oneAccount { healthFactor }
    liquidationDistance { nearest { venueId riskFactor changePct } }
  }
}
`,
  },
  {
    title: 'Live health (subscription)',
    subscription: true,
    variables: (c) => ({ owner: c.owner, alert: { healthFactorBelow: 1.2, liquidationDistancePctBelow: 15 } }),
    query: `# Live health over WebSocket: the current state first, then
# one message per block that changes a venue, with alerts at
# your thresholds.
subscription LiveHealth($owner: Address!, $alert: HealthAlertInput) {
  health(owner: $owner, alert: $alert) {
    sequence
    reason
    changedVenueIds
    alerts {
      venueId
      metric
      direction
      threshold
      previous
      current
      message
    }
    portfolio {
      venues { id status healthFactor }
      oneAccount { healthFactor }
    }
  }
}
`,
  },
]

/** The explorer's default tabs: each example's operation and its variables as JSON. */
export function exampleTabs(context: ExampleContext): { query: string; variables: string }[] {
  return EXAMPLE_QUERIES.map((e) => ({ query: e.query, variables: JSON.stringify(e.variables(context), null, 2) }))
}
