import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../components/app.css';
import './offscreen.css';
import { pageDatabase } from '../../components/env';
import { startFirstReads } from '../../components/panel/first-reads';
import { App } from './App';

// The database opens, and the first screen's reads start, while React renders its first frame;
// a failed open surfaces through the live queries' own reads.
pageDatabase()
  .open()
  .catch(() => undefined);
startFirstReads(pageDatabase(), Date.now());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
