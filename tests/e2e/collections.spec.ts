import { expect, test } from './fixtures';

test('log a drop box collection, see it in the list, and void it with a reason', async ({
  signedInPage: page,
  harness,
  request,
}) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Collections' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Collections' })).toBeFocused();
  const form = page.getByRole('form', { name: 'Log a collection' });

  await form.getByRole('combobox', { name: 'Where from' }).click();
  await page.getByRole('option', { name: 'Drop box' }).click();
  await form.getByLabel('Or sharps containers').fill('2');
  // The program's starting factor: 100 syringes a container.
  await expect(form.getByText("About 200 syringes, estimated with the program's factors")).toBeVisible();
  await form.getByLabel('Or sharps containers').press('Control+Enter');
  await expect(form.getByRole('status')).toHaveText('Collection saved');

  const list = page.getByRole('table', { name: 'Recent collections' });
  const row = list.getByRole('row').filter({ hasText: 'Drop box' });
  await expect(row).toContainText('200 estimated');
  await expect(form.getByLabel('Or sharps containers')).toHaveValue('');

  await row.getByRole('button', { name: /^Void the collection of/ }).click();
  const voiding = page.getByRole('form', { name: 'Void a collection' });
  await expect(voiding.getByLabel(/Reason for voiding/)).toBeFocused();
  await voiding.getByLabel(/Reason for voiding/).fill('Logged at the wrong site');
  await voiding.getByRole('button', { name: 'Void collection' }).click();
  await expect(page.getByText('No collections yet. Saved collections appear here.')).toBeVisible();
  await expect(voiding).toHaveCount(0);

  // Kept on record, voided with its reason, as the core answers the list when asked for voided ones.
  const response = await request.post(`${harness.url}api/collections.list`, {
    headers: { 'content-type': 'application/json', 'x-outpost-token': harness.token },
    data: { includeVoided: true },
  });
  expect(await response.json()).toMatchObject({
    ok: true,
    data: [
      {
        status: 'voided',
        voidReason: 'Logged at the wrong site',
        source: 'drop_box',
        collected: { counted: 0, containers: 2, estimated: 200 },
      },
    ],
  });
});
