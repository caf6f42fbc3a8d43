import type { CodegenConfig } from '@graphql-codegen/cli'

/**
 * Generates, from `schema/*.graphql` (run `npm run codegen`), the resolver
 * types and the typed client's documents (`src/client/operations/*.graphql`
 * as TypedDocumentNodes with typed variables and results).
 * Resolvers receive domain objects (`mappers`), so a resolver only maps
 * arguments and shapes output. Paths in `mappers` and `contextType` are
 * relative to the generated file.
 */
const config: CodegenConfig = {
  // the shared schema, then each protocol's part (src/protocols/<p>/schema.graphql)
  schema: ['schema/*.graphql', 'src/protocols/*/schema.graphql'],
  overwrite: true,
  generates: {
    'src/client/generated/operations.ts': {
      documents: 'src/client/operations/*.graphql',
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        // what travels in JSON: BigInt is a base-10 string, Address a 0x string
        scalars: {
          ID: { input: 'string', output: 'string' },
          Address: { input: 'string', output: '`0x${string}`' },
          BigInt: { input: 'string', output: 'string' },
        },
      },
    },
    'src/graphql/generated/resolvers.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useIndexSignature: true,
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        immutableTypes: true,
        scalars: {
          ID: { input: 'string', output: 'string' },
          Address: { input: 'viem#Address', output: 'viem#Address' },
          BigInt: { input: 'bigint', output: 'bigint' },
        },
        contextType: '../context.js#GraphqlContext',
        // Domain types share names with GraphQL types: import them as `PortfolioModel` etc.
        mapperTypeSuffix: 'Model',
        mappers: {
          Portfolio: '../../domain/portfolio.js#Portfolio',
          PortfolioTotals: '../../domain/portfolio.js#PortfolioTotals',
          ChainRead: '../../domain/portfolio.js#ChainRead',
          RiskFactorExposure: '../../domain/portfolio.js#RiskFactorExposure',
          OneAccount: '../../domain/portfolio.js#OneAccountView',
          OneAccountFactor: '../../domain/portfolio.js#OneAccountFactor',
          LiquidationDistance: '../../domain/portfolio.js#LiquidationDistance',
          NearestLiquidation: '../../domain/portfolio.js#NearestLiquidation',
          MarketWideLiquidation: '../../domain/portfolio.js#MarketWideLiquidation',
          Block: '../../domain/venue.js#BlockRef',
          ReadError: '../../domain/venue.js#VenueError',
          Venue: '../../domain/venue.js#Venue',
          Position: '../../domain/venue.js#VenuePosition',
          Asset: '../../domain/venue.js#AssetRef',
          OraclePrice: '../../domain/venue.js#OraclePrice',
          VenueMargin: '../../domain/venue.js#VenueMargin',
          LiquidationPrice: '../mappers.js#PriceLiquidationPrice',
          LiquidationPriceGap: '../mappers.js#NoLiquidationPrice',
          ConfiguredChain: '../../services/PortfolioService.js#ConfiguredChain',
          ConfiguredApiVenue: '../../services/PortfolioService.js#ConfiguredApiVenue',
          VenueSource: '../../domain/venue.js#VenueSource',
          PerpAccount: '../../domain/venue.js#PerpVenueDetails',
          PerpPosition: '../../domain/venue.js#PerpPosition',
          StressGrid: '../../domain/stress.js#StressGrid',
          StressScenarioResult: '../../domain/stress.js#StressScenarioResult',
          StressScenario: '../../domain/stress.js#StressScenario',
          ScanRange: '../../domain/stress.js#ScanRange',
          HistoricalScenarioResult: '../../domain/scenario.js#HistoricalScenarioResult',
          HistoricalEpisode: '../../domain/scenario.js#HistoricalEpisode',
          VenueLiquidation: '../../domain/stress.js#VenueLiquidation',
          SigmaDistance: '../../domain/portfolio.js#SigmaDistanceEntry',
          Simulation: '../../domain/simulation.js#SimulationInfo',
          SigmaDistanceView: '../../domain/portfolio.js#SigmaDistanceView',
          LiquidationStep: '../../domain/stress.js#LiquidationStep',
          LibraryScenarioResult: '../../domain/stress.js#LibraryScenarioResult',
          MonteCarloResult: '../../domain/monteCarlo.js#MonteCarloResult',
          MonteCarloVenue: '../../domain/monteCarlo.js#MonteCarloVenueStatistics',
          OptionsView: '../../domain/options.js#OptionsView',
          OptionLegValuation: '../../domain/options.js#OptionLegView',
          FactorGreeks: '../../domain/options.js#FactorGreeks',
          HedgeSizing: '../../domain/options.js#HedgeSizing',
          PortfolioMarginView: '../../domain/portfolioMargin.js#PortfolioMarginView',
          FactorScanParameters: '../../domain/portfolioMargin.js#FactorScanParameters',
          ExtremeMove: '../../domain/portfolioMargin.js#ExtremeMove',
          CapitalFreed: '../../domain/portfolioMargin.js#CapitalFreed',
          VenueCapitalFreed: '../../domain/portfolioMargin.js#VenueCapitalFreed',
          PortfolioMargin: '../../domain/portfolioMargin.js#PortfolioMargin',
          FactorScanningRisk: '../../domain/portfolioMargin.js#FactorScanningRisk',
          AllFactorScan: '../../domain/portfolioMargin.js#AllFactorScan',
          ScanScenarioResult: '../../domain/portfolioMargin.js#ScanScenarioResult',
          ScanRangeComparisonEntry: '../mappers.js#ScanRangeComparisonEntry',
          PublishedScanRange: '../../domain/portfolioMargin.js#PublishedScanRange',
          HealthUpdate: '../../services/healthWatch.js#HealthUpdate',
          HealthAlert: '../../services/healthWatch.js#HealthAlert',
        },
      },
    },
  },
}

export default config
