import type { XmarginClientError } from '../../../src/client/index.js'

/** A failed request: the server's stable code and its message. */
export function ErrorPanel({ error, title, section }: { readonly error: XmarginClientError; readonly title: string; readonly section: string }) {
  return (
    <div className="error-panel" role="alert" data-testid="error" data-section={section} data-code={error.code}>
      <div className="error-title">
        <strong>{title}</strong>
        <code className="error-code" data-testid="error-code">
          {error.code}
        </code>
      </div>
      <p className="error-message" data-testid="error-message">
        {error.message}
      </p>
    </div>
  )
}

/** A spinner with a label, shown while a request is in flight. */
export function Loading({ label = 'Loading…', section }: { readonly label?: string; readonly section: string }) {
  return (
    <div className="loading" role="status" aria-live="polite" data-testid="loading" data-section={section}>
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  )
}

/** A venue or chain status as a coloured badge. */
export function StatusBadge({ status, testId }: { readonly status: string; readonly testId?: string }) {
  return (
    <span className={`badge badge-${status.toLowerCase().replace(/_/g, '-')}`} data-testid={testId}>
      {status.replace(/_/g, ' ')}
    </span>
  )
}
