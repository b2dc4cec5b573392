import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { App } from '../../../renderer/src/App';
import { AppProviders, createQueryClient } from '../../../renderer/src/AppProviders';

export function renderWithProviders(ui: ReactElement) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false, refetchOnWindowFocus: false } });
  return render(<AppProviders queryClient={queryClient}>{ui}</AppProviders>);
}

export function renderApp() {
  return renderWithProviders(<App />);
}
