import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Each import defines its element's tag (once, whatever else loads the widgets).
import '@porttask/widgets/consent-banner';
import '@porttask/widgets/vessel-schedule';
import { App } from './App.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
