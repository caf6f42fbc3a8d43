import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/**
 * The layout's rules, read from the code's own imports (the TypeScript
 * compiler's import scan, static and dynamic): protocols are folders that
 * shared code reaches only through the registry and the plugin types, the
 * production server does not import the devnet, and no import cycle exists.
 * Tests and generated files are left out: they may import anything.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const SRC = path.join(ROOT, 'src')

/** Production source files under src/, relative to the repo root (`src/...`). */
function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name !== 'generated' && entry.name !== 'test') out.push(...sourceFiles(full))
    } else if (/\.(ts|tsx|mts)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(path.relative(ROOT, full).split(path.sep).join('/'))
    }
  }
  return out
}

/** The file a relative specifier names (`./x.js` is `./x.ts` in source), or null for a package or a non-source file. */
function resolve(from: string, specifier: string, files: ReadonlySet<string>): string | null {
  if (!specifier.startsWith('.')) return null
  const base = path.posix.join(path.posix.dirname(from), specifier)
  const stem = base.replace(/\.(js|mjs|ts|mts|tsx)$/, '')
  for (const candidate of [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${stem}/index.ts`]) if (files.has(candidate)) return candidate
  return null
}

const files = sourceFiles(SRC)
const fileSet = new Set(files)
/** file → the source files it imports. */
const imports = new Map<string, string[]>(
  files.map((file) => {
    const info = ts.preProcessFile(readFileSync(path.join(ROOT, file), 'utf8'), true, true)
    const targets = info.importedFiles.map((f) => resolve(file, f.fileName, fileSet)).filter((f): f is string => f !== null)
    return [file, [...new Set(targets)]]
  }),
)
const importers = (predicate: (target: string) => boolean) => files.filter((f) => imports.get(f)!.some(predicate))

/** Strongly connected components of more than one file (or a file importing itself): Tarjan's algorithm. */
function cycles(): string[][] {
  let index = 0
  const stack: string[] = []
  const onStack = new Set<string>()
  const indexOf = new Map<string, number>()
  const low = new Map<string, number>()
  const found: string[][] = []
  const visit = (v: string) => {
    indexOf.set(v, index)
    low.set(v, index++)
    stack.push(v)
    onStack.add(v)
    for (const w of imports.get(v)!) {
      if (!indexOf.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!))
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = []
      let w: string
      do {
        w = stack.pop()!
        onStack.delete(w)
        component.push(w)
      } while (w !== v)
      if (component.length > 1 || imports.get(v)!.includes(v)) found.push(component.sort())
    }
  }
  for (const f of files) if (!indexOf.has(f)) visit(f)
  return found
}

const protocolOf = (file: string) => /^src\/protocols\/([^/]+)\//.exec(file)?.[1] ?? null
const isDevnetStep = (file: string) => /^src\/protocols\/[^/]+\/devnet(\.ts|\/)/.test(file)

describe('the plugin layout, from the imports', () => {
  it('reads a real import graph', () => {
    // guards the rules below against passing on an empty or unresolved graph
    expect(files.length).toBeGreaterThan(100)
    expect(imports.get('src/app/runServer.ts')).toContain('src/protocols/registry.ts')
  })

  it('has no import cycle', () => {
    expect(cycles()).toEqual([])
  })

  it('shared code reaches protocols only through the registry and the plugin types', () => {
    // the two lists are where protocols are named: the registry, and the devnet's own list of their devnet steps
    const lists = ['src/protocols/registry.ts', 'src/devnet/protocols.ts']
    expect(imports.get('src/protocols/registry.ts')!.filter((t) => protocolOf(t) !== null).every((t) => /^src\/protocols\/[^/]+\/index\.ts$/.test(t))).toBe(true)
    const shared = files.filter((f) => protocolOf(f) === null && !lists.includes(f))
    const reached = shared.flatMap((f) => imports.get(f)!.filter((t) => protocolOf(t) !== null).map((t) => `${f} → ${t}`))
    expect(reached).toEqual([])
    const throughRegistry = shared.flatMap((f) => imports.get(f)!.filter((t) => t.startsWith('src/protocols/')))
    expect(new Set(throughRegistry)).toEqual(new Set(['src/protocols/registry.ts', 'src/protocols/types.ts']))
  })

  it('a protocol imports no other protocol', () => {
    const crossing = files.flatMap((f) => imports.get(f)!.filter((t) => protocolOf(f) !== null && protocolOf(t) !== null && protocolOf(t) !== protocolOf(f)).map((t) => `${f} → ${t}`))
    expect(crossing).toEqual([])
  })

  it('the devnet list names only protocols\' devnet steps', () => {
    expect(imports.get('src/devnet/protocols.ts')!.every(isDevnetStep)).toBe(true)
  })

  it('only the devnet, the protocols\' devnet steps and the start-up wiring import src/devnet', () => {
    const outside = importers((t) => t.startsWith('src/devnet/')).filter((f) => !f.startsWith('src/devnet/') && !isDevnetStep(f))
    expect(outside.sort()).toEqual(['src/app/start.ts', 'src/cli/startEmbeddedEngine.ts'])
  })

  it('the production server (src/app/serve.ts) reaches nothing of the devnet', () => {
    const seen = new Set<string>()
    const walk = (f: string) => {
      if (seen.has(f)) return
      seen.add(f)
      for (const t of imports.get(f)!) walk(t)
    }
    walk('src/app/serve.ts')
    expect(seen.size).toBeGreaterThan(20)
    expect([...seen].filter((f) => f.startsWith('src/devnet/') || isDevnetStep(f))).toEqual([])
  })
})
