import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../components/app.css';
import './offscreen.css';
import { pageDatabase } from '../../components/env';
import { App } from './App';

// The database opens while React renders its first frame, so the first list's read does not wait
// for it; a failed open surfaces through that read.
pageDatabase()
  .open()
  .catch(() => undefined);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
