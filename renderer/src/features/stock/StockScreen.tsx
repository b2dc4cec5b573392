/**
 * The stock room: what each site has on hand, stock received into a site, and transfers between
 * sites (in transit until the receiving site confirms them). Receiving and sending are for
 * coordinators and admins; anyone may look, and field staff confirm what arrived.
 */
import { Alert, Stack, Tabs, Text, Title } from '@mantine/core';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useAllowed, useItems, useSettings, useSites } from '../../api/queries';
import { errorCodeOf, errorKey } from '../../i18n/errors';
import { AdjustTab } from './AdjustTab';
import { CountTab } from './count/CountTab';
import { OnHandTab } from './OnHandTab';
import { ReceiveForm } from './ReceiveForm';
import { rememberedSiteId } from './stockParts';
import { TransferForm } from './TransferForm';
import { TransfersList } from './TransfersList';

export function StockScreen({ headingRef }: { headingRef?: Ref<HTMLHeadingElement> }) {
  const { t } = useTranslation();
  const sites = useSites();
  const items = useItems();
  const settings = useSettings();
  const canReceive = useAllowed('inventory.receive');
  const canSend = useAllowed('inventory.transfer');
  const canAdjust = useAllowed('inventory.adjust');
  const failed = [sites, items, settings].find((query) => query.isError);

  let content;
  if (failed) {
    content = (
      <Alert color="red" variant="outline">
        <Text c="var(--mantine-color-error)">{t(errorKey(errorCodeOf(failed.error)))}</Text>
      </Alert>
    );
  } else if (!sites.data || !items.data || !settings.data) {
    content = <Text>{t('app.loading')}</Text>;
  } else {
    const activeSites = sites.data.filter((site) => site.active);
    const initialSiteId = rememberedSiteId(activeSites);
    content = (
      <Tabs defaultValue="onHand" keepMounted={false}>
        <Tabs.List aria-label={t('stock.tabs')}>
          <Tabs.Tab value="onHand">{t('stock.tab.onHand')}</Tabs.Tab>
          {canReceive && <Tabs.Tab value="receive">{t('stock.tab.receive')}</Tabs.Tab>}
          <Tabs.Tab value="transfers">{t('stock.tab.transfers')}</Tabs.Tab>
          {canAdjust && <Tabs.Tab value="adjust">{t('stock.adjust.tab')}</Tabs.Tab>}
          <Tabs.Tab value="count">{t('stock.count.tab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="onHand" pt="md">
          <OnHandTab sites={activeSites} initialSiteId={initialSiteId} />
        </Tabs.Panel>
        {canReceive && (
          <Tabs.Panel value="receive" pt="md">
            {activeSites.length === 0 ? (
              <Text>{t('stock.noSites')}</Text>
            ) : (
              <ReceiveForm
                sites={activeSites}
                items={items.data}
                timeZone={settings.data.timeZone}
                initialSiteId={initialSiteId}
              />
            )}
          </Tabs.Panel>
        )}
        <Tabs.Panel value="transfers" pt="md">
          <Stack gap="xl">
            {canSend &&
              (activeSites.length < 2 ? (
                <Text>{t('stock.transfer.needsTwoSites')}</Text>
              ) : (
                <TransferForm sites={activeSites} items={items.data} initialSiteId={initialSiteId} />
              ))}
            <TransfersList />
          </Stack>
        </Tabs.Panel>
        {canAdjust && (
          <Tabs.Panel value="adjust" pt="md">
            {activeSites.length === 0 ? (
              <Text>{t('stock.noSites')}</Text>
            ) : (
              <AdjustTab sites={activeSites} items={items.data} initialSiteId={initialSiteId} />
            )}
          </Tabs.Panel>
        )}
        <Tabs.Panel value="count" pt="md">
          <CountTab sites={activeSites} items={items.data} initialSiteId={initialSiteId} />
        </Tabs.Panel>
      </Tabs>
    );
  }

  return (
    <Stack gap="md">
      <Title order={1} ref={headingRef} tabIndex={-1}>
        {t('stock.heading')}
      </Title>
      <Text>{t('stock.intro')}</Text>
      {content}
    </Stack>
  );
}
