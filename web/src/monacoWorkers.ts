/**
 * The explorer editor's (Monaco's) web workers, bundled by Vite's `?worker`
 * imports: the same setup as `graphiql/setup-workers/vite`, imported from
 * this project's own source so that the dev server (`npx vite`) can serve it
 * too (its dependency pre-bundler does not follow `?worker` imports inside
 * node_modules). Import it before GraphiQL.
 */
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker'
import JsonWorker from 'monaco-editor/esm/vs/language/json/json.worker.js?worker'
import GraphQLWorker from 'monaco-graphql/esm/graphql.worker.js?worker'
import type {} from 'monaco-editor'

// Monaco reads its worker factory from this global (typed by monaco-editor: `Window.MonacoEnvironment`)
window.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    switch (label) {
      case 'json':
        return new JsonWorker()
      case 'graphql':
        return new GraphQLWorker()
      default:
        return new EditorWorker()
    }
  },
}
