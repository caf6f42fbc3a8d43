import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Hex } from 'viem'
import { MULTICALL3_ADDRESS } from '../../chains/devnet.js'
import { DevnetError } from '../errors/index.js'
import type { Deployer } from './deployer.js'

/**
 * Multicall3 creation code as viem ships it (`constants/contracts`, not in
 * viem's public exports, so read from its file).
 */
function multicall3CreationCode(): Hex {
  const viemRoot = path.dirname(createRequire(import.meta.url).resolve('viem/package.json'))
  const source = readFileSync(path.join(viemRoot, '_esm', 'constants', 'contracts.js'), 'utf8')
  const match = /multicall3Bytecode = '(0x[0-9a-f]+)'/.exec(source)
  if (!match?.[1]) throw new DevnetError('Multicall3 bytecode not found in the installed viem.')
  return match[1] as Hex
}

/**
 * Puts Multicall3 at its canonical address: the runtime code is obtained by
 * executing the Multicall3 creation code in an `eth_call`.
 */
export async function installMulticall3(deployer: Deployer): Promise<void> {
  const { data } = await deployer.public.call({ data: multicall3CreationCode() })
  if (!data) throw new DevnetError('Multicall3 creation code returned no runtime code.')
  await deployer.rpc('anvil_setCode', [MULTICALL3_ADDRESS, data])
}
