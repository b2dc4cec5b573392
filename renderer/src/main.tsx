import '@mantine/core/styles.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AppProviders } from './AppProviders';
import { OpeningGate } from './features/opening/OpeningGate';
import { SetupGate } from './features/setup/SetupGate';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');

createRoot(root).render(
  <StrictMode>
    <AppProviders>
      <OpeningGate>
        <SetupGate>
          <App />
        </SetupGate>
      </OpeningGate>
    </AppProviders>
  </StrictMode>,
);
