import pino from 'pino'
import { startDevnet } from '../devnet/startDevnet.js'
import { runServer } from '../app/runServer.js'
import { loadConfig } from '../config/loadConfig.js'
import type { Engine, StartEmbeddedEngineParameters } from './connect.js'

/**
 * Starts a local devnet and an xmargin engine over it on a free port, with
 * progress on `spinner`; `stop` stops both. Not compiled with the CLI: `connect`
 * loads this file (and the engine) from source through tsx, only when no
 * endpoint is given.
 */
export async function startEmbeddedEngine(params: StartEmbeddedEngineParameters): Promise<Engine> {
  const { spinner } = params
  const started = performance.now()
  const devnet = await startDevnet({
    dir: params.dir,
    basePort: params.basePort,
    log: (line) => {
      spinner.text = line
    },
  })
  spinner.succeed(`Devnet ${devnet.deployed ? 'deployed' : 'loaded'} in ${((performance.now() - started) / 1000).toFixed(1)} s (${devnet.manifest.chains.map((c) => c.chainId).join(', ')})`)
  spinner.start('Starting the xmargin engine…')
  try {
    const config = loadConfig({ ...process.env, PORT: '0', CHAINS_FILE: devnet.chainsFile, XMARGIN_CHAINS: undefined, LOG_LEVEL: 'silent' })
    const server = await runServer({ ...config, chains: null }, pino({ level: 'silent' }))
    spinner.succeed(`Engine ready (demo wallet ${devnet.manifest.accounts.demo})`)
    return {
      endpoint: server.url,
      manifestPath: devnet.manifestPath,
      stop: async () => {
        await server.stop()
        await devnet.stop()
      },
    }
  } catch (error) {
    spinner.fail('The engine did not start')
    await devnet.stop()
    throw error
  }
}
