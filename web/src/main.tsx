import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { Dashboard } from './Dashboard.js'
import { optionStateOf } from './optionLegs.js'
import './styles.css'

const search = new URLSearchParams(window.location.search)
const owner = search.get('owner')?.trim() || null
// option legs and a put to size can come in the URL too (`?leg=ETH,PUT,3000,2027-01-01,15,0.6&hedge=…`)
const { legs, hedge } = optionStateOf(search)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Dashboard initialOwner={owner} initialLegs={legs} initialHedge={hedge} />
  </StrictMode>,
)
