import { Alert, Grid, Text, Title } from '@mantine/core';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useItems, useSites } from '../../api/hooks';
import { errorCodeOf } from '../../i18n/errors';
import { LogEncounterForm } from './LogEncounterForm';
import { RecentEncounters } from './RecentEncounters';

function FormLoader() {
  const { t } = useTranslation();
  const sites = useSites();
  const items = useItems();
  if (sites.isError || items.isError) {
    return (
      <Alert color="red" variant="outline">
        <Text c="var(--mantine-color-error)">{t(`errors.${errorCodeOf(sites.error ?? items.error)}`)}</Text>
      </Alert>
    );
  }
  if (!sites.data || !items.data) return <Text>{t('app.loading')}</Text>;
  return <LogEncounterForm sites={sites.data} items={items.data} />;
}

export function LogEncounterScreen({ headingRef }: { headingRef?: Ref<HTMLHeadingElement> }) {
  const { t } = useTranslation();
  return (
    <Grid gap="xl">
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Title order={1} mb="md" ref={headingRef} tabIndex={-1}>
          {t('encounterForm.heading')}
        </Title>
        <FormLoader />
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <RecentEncounters />
      </Grid.Col>
    </Grid>
  );
}
