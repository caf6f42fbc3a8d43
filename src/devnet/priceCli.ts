import { parseArgs } from 'node:util'
import { formatUnits } from 'viem'
import { BaseError } from '../errors/index.js'
import { readManifest } from './manifest.js'
import { setDevnetPrice } from './setDevnetPrice.js'

/**
 * `npm run devnet:price -- <SYMBOL or RISK_FACTOR> <USD> [--chain <id>]`
 * e.g. `npm run devnet:price -- ETH 1500`, `npm run devnet:price -- WSTETH_ETH 1.1 --chain 900001`.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { chain: { type: 'string' }, manifest: { type: 'string' } },
})
const [target, value] = positionals
if (!target || !value || !/^\d+(\.\d+)?$/.test(value) || (values.chain !== undefined && !/^\d+$/.test(values.chain))) {
  console.error('usage: npm run devnet:price -- <SYMBOL or RISK_FACTOR> <USD, or ratio for LST factors> [--chain <id>]')
  process.exit(2)
}
try {
  const manifest = await readManifest(values.manifest)
  const changes = await setDevnetPrice({
    manifest,
    target,
    value,
    chainId: values.chain === undefined ? undefined : Number(values.chain),
  })
  for (const c of changes) {
    console.log(`chain ${c.chainId} ${c.symbol.padEnd(7)} ${formatUnits(c.before, 8)} → ${formatUnits(c.after, 8)} USD`)
  }
} catch (error) {
  console.error(error instanceof BaseError ? error.shortMessage : error)
  process.exit(1)
}
