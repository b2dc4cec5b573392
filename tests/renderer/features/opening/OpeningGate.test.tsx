/** The window before the database is open: how far a conversion is, a failure said plainly, then the app. */
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { conversionPhases } from '../../../../db/contract/opening';
import { OpeningGate } from '../../../../renderer/src/features/opening/OpeningGate';
import en from '../../../../renderer/src/locales/en.json';
import { installFakeBridge, ok } from '../../support/fakeBridge';
import { renderWithProviders } from '../../support/render';

const converting = (phase: 'copy' | 'check', done: number, total: number) =>
  ok({ state: 'converting' as const, progress: { phase, done, total }, error: null });

describe('opening the database', () => {
  it('has words for every phase of a conversion', () => {
    expect(Object.keys(en.opening.phases)).toEqual([...conversionPhases]);
  });

  it('shows each phase of a conversion with its bar as it goes, then the app once it is open', async () => {
    const bridge = installFakeBridge();
    bridge['system.opening']
      .mockResolvedValueOnce(ok({ state: 'opening', progress: null, error: null }))
      .mockResolvedValueOnce(converting('copy', 1_000, 4_000))
      .mockResolvedValueOnce(converting('check', 3, 4));
    renderWithProviders(
      <OpeningGate>
        <p>the app</p>
      </OpeningGate>,
    );
    expect(await screen.findByRole('heading', { name: 'Opening the database' })).toBeInTheDocument();
    expect(await screen.findByText('Step 2 of 5: Copying the records')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Progress of this step' })).toHaveAttribute('aria-valuenow', '25');
    expect(screen.getByText(/moving your records into a new, more compact file/)).toBeInTheDocument();
    expect(screen.queryByText('the app')).not.toBeInTheDocument();

    expect(await screen.findByText('Step 4 of 5: Checking the new file')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Progress of this step' })).toHaveAttribute('aria-valuenow', '75');
    expect(await screen.findByText('the app', {}, { timeout: 3_000 })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Opening the database' })).not.toBeInTheDocument();
  });

  it('says so when the database cannot be opened, and never shows the app', async () => {
    const bridge = installFakeBridge();
    bridge['system.opening'].mockResolvedValue(
      ok({
        state: 'failed',
        progress: null,
        error: { code: 'database_too_new', message: 'This database was written by a newer version of Outpost.' },
      }),
    );
    renderWithProviders(
      <OpeningGate>
        <p>the app</p>
      </OpeningGate>,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Outpost could not open its database\. /);
    expect(screen.queryByText('the app')).not.toBeInTheDocument();
  });
});
