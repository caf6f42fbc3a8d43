import { fileURLToPath } from 'node:url'
import ora, { type Ora } from 'ora'

/** A server the CLI talks to, and how to let go of it. */
export type Engine = { readonly endpoint: string; readonly manifestPath: string | null; stop(): Promise<void> }

export type StartEmbeddedEngineParameters = {
  /** Folder of the embedded devnet's state and manifest. */
  readonly dir: string
  /** Chain i of the embedded devnet listens on basePort + i. */
  readonly basePort: number
  /** The progress line on stderr, already spinning: each step is reported on it. */
  readonly spinner: Ora
}

/** The repository root: `src/cli/` and the compiled `dist/cli/` both sit two levels below it. */
const REPO_ROOT = new URL('../../', import.meta.url)

/** Where the embedded devnet lives: its own folder and ports, apart from `npm start`'s. */
const EMBEDDED = {
  dir: process.env['XMARGIN_CLI_DEVNET_DIR'] ?? fileURLToPath(new URL('.devnet/cli/', REPO_ROOT)),
  basePort: Number(process.env['XMARGIN_CLI_DEVNET_PORT'] ?? 18545),
}

/**
 * The server to talk to: `endpoint` as is, or, without one, an embedded devnet
 * and engine (progress on stderr unless `quiet`).
 *
 * The CLI is shipped compiled (`dist/cli`), the engine is not: it is loaded
 * here, only on the embedded path, from its TypeScript source
 * (`src/cli/startEmbeddedEngine.ts` and what it imports) through tsx's
 * `tsImport`, with the repository's tsconfig. A call with `endpoint` loads
 * neither tsx nor any of the engine.
 */
export async function connect(endpoint: string | undefined, quiet: boolean): Promise<Engine> {
  if (endpoint) return { endpoint, manifestPath: null, stop: async () => undefined }
  const spinner = ora({ text: 'Starting the local devnet (3 anvil chains)…', stream: process.stderr, isSilent: quiet }).start()
  try {
    const { tsImport } = await import('tsx/esm/api')
    // typed where it is written: startEmbeddedEngine takes and returns the types above
    const { startEmbeddedEngine } = (await tsImport(new URL('src/cli/startEmbeddedEngine.ts', REPO_ROOT).href, {
      parentURL: import.meta.url,
      tsconfig: fileURLToPath(new URL('tsconfig.json', REPO_ROOT)),
    })) as { startEmbeddedEngine: (params: StartEmbeddedEngineParameters) => Promise<Engine> }
    return await startEmbeddedEngine({ ...EMBEDDED, spinner })
  } catch (error) {
    // a failure with no message of its own on the line (loading, the devnet) leaves no spinner behind
    if (spinner.isSpinning) spinner.stop()
    throw error
  }
}
