import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { Dashboard } from './Dashboard.js'
import './styles.css'

const owner = new URLSearchParams(window.location.search).get('owner')?.trim() || null

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Dashboard initialOwner={owner} />
  </StrictMode>,
)
