import { z } from 'zod'
import { bounded, checkInput, factorMoveInput, hedgeInput, portfolioMarginInput, horizonDaysInput, list, MAX_FACTOR_NAME, MAX_MOVES, monteCarloInput, MAX_OPTION_LEGS, optionLegInput, riskProfileInput, scanRangeInput, volatilityShiftInput } from '../services/inputBounds.js'

/**
 * The bounds of every field's arguments, checked by its resolver before
 * anything else runs (see services/inputBounds.ts for the shared ones). What
 * GraphQL's own types already bound (Int is 32-bit, enums, Address) is not
 * repeated.
 */

const readArguments = {
  chainIds: list(z.number(), 64, ' chain ids').nullish(),
  apiVenues: list(z.string(), 64, ' venues').nullish(),
  accounts: list(z.object({ venue: z.string(), id: z.string().max(128, { error: 'account ids are at most 128 characters.' }) }), 10, ' linked accounts per request').nullish(),
}

const portfolioArguments = z.object({
  ...readArguments,
  scanRanges: list(scanRangeInput, MAX_MOVES).nullish(),
  scenarios: list(
    z.object({
      name: z.string().min(1, { error: 'must be 1 to 80 characters.' }).max(80, { error: 'must be 1 to 80 characters.' }),
      moves: list(factorMoveInput, MAX_MOVES),
      volatilityShifts: list(volatilityShiftInput, MAX_MOVES).nullish(),
    }),
    50,
    ' per request',
  ).nullish(),
  riskProfile: riskProfileInput.nullish(),
  horizonDays: horizonDaysInput.nullish(),
  optionLegs: list(optionLegInput, MAX_OPTION_LEGS, ' option legs per request').nullish(),
  portfolioMargin: portfolioMarginInput.nullish(),
  hedge: hedgeInput.nullish(),
})

const simulateArguments = portfolioArguments.extend({
  actions: list(
    z.object({
      venueId: z.string().max(300, { error: 'venue ids are at most 300 characters.' }),
      asset: z.string().max(MAX_FACTOR_NAME, { error: `symbols are at most ${MAX_FACTOR_NAME} characters.` }),
      amount: z.string().regex(/^\d{1,40}(\.\d{1,36})?$/, { error: 'must be a decimal amount in whole tokens, e.g. "1.5" (at most 40 digits before the point and 36 after).' }),
    }),
    50,
    ' per request',
  ).nullish(),
  priceMoves: list(factorMoveInput, MAX_MOVES).nullish(),
})

const healthArguments = z.object({
  ...readArguments,
  alert: z
    .object({
      healthFactorBelow: bounded(0, 1_000, 'a positive number up to 1,000', { min: true }).nullish(),
      liquidationDistancePctBelow: bounded(0, 1_000, 'a percentage in (0, 1,000]', { min: true }).nullish(),
    })
    .nullish(),
})

/** Every argument set a resolver checks, by field. */
const ARGUMENTS = {
  portfolio: portfolioArguments,
  simulate: simulateArguments,
  monteCarlo: monteCarloInput,
  health: healthArguments,
} as const

/**
 * A field's arguments, checked against their bounds and returned unchanged.
 * @throws InvalidArgumentError (BAD_USER_INPUT) naming the first argument out
 *   of bounds, e.g. `scenarios[0].moves[ETH].move`.
 */
export function checkArguments<A>(field: keyof typeof ARGUMENTS, args: A): A {
  return checkInput(ARGUMENTS[field], args)
}
