// Preloaded (`node --import`) by the bin's test: appends the URL of every module
// the process loads to the file named by XMARGIN_TEST_MODULE_LOG, one a line:
// ES modules (and CommonJS ones they import) as the loader loads them, through
// the hooks in recordModulesHooks.mjs; CommonJS ones from require's cache at exit.
import { appendFileSync } from 'node:fs'
import { createRequire, register } from 'node:module'
import { pathToFileURL } from 'node:url'

const log = process.env['XMARGIN_TEST_MODULE_LOG']
if (!log) throw new TypeError('XMARGIN_TEST_MODULE_LOG must name the file to record module URLs in')
register('./recordModulesHooks.mjs', import.meta.url, { data: { log } })

const { cache } = createRequire(import.meta.url)
process.on('exit', () => {
  appendFileSync(log, Object.keys(cache).map((file) => `${pathToFileURL(file).href}\n`).join(''))
})
