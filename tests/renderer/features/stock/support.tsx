/** Opening the Stock screen on a fake bridge, as a given role. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { StaffRole } from '@contract/vocabulary';
import { installFakeBridge, type FakeData } from '../../support/fakeBridge';
import { renderApp } from '../../support/render';

export async function openStock(data: FakeData = {}, role: StaffRole = 'coordinator', tab?: string) {
  const bridge = installFakeBridge({ ...data, session: { role, ...data.session } });
  const user = userEvent.setup();
  renderApp();
  await user.click(
    await within(screen.getByRole('navigation', { name: 'Main' })).findByRole('button', { name: 'Stock' }),
  );
  await screen.findByRole('tab', { name: 'On hand' });
  if (tab) await user.click(screen.getByRole('tab', { name: tab }));
  return { bridge, user };
}
