import { Alert, Grid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useItems, useSession, useSettings, useSites } from '../../api/queries';
import { usePresets, useServiceTypes, useStaffEver } from './hooks';
import { errorCodeOf } from '../../i18n/errors';
import { LogEncounterForm, type LogFormContext } from './LogEncounterForm';
import { RecentEncounters } from './RecentEncounters';

/** Everything the log form needs from the core, loaded together; the form shows once all of it is here. */
export function LogFormLoader({
  children,
  heading,
}: {
  children: (context: LogFormContext) => ReactNode;
  /** Shown above the loading message and the error; once loaded, the form places it itself. */
  heading?: ReactNode;
}) {
  const { t } = useTranslation();
  const queries = {
    sites: useSites(),
    items: useItems(),
    presets: usePresets(),
    serviceTypes: useServiceTypes(),
    settings: useSettings(),
    session: useSession(),
    staff: useStaffEver(),
  };
  const failed = Object.values(queries).find((query) => query.isError);
  if (failed) {
    return (
      <Stack gap="md">
        {heading}
        <Alert color="red" variant="outline">
          <Text c="var(--mantine-color-error)">{t(`errors.${errorCodeOf(failed.error)}`)}</Text>
        </Alert>
      </Stack>
    );
  }
  const { sites, items, presets, serviceTypes, settings, session, staff } = queries;
  if (
    !sites.data ||
    !items.data ||
    !presets.data ||
    !serviceTypes.data ||
    !settings.data ||
    !session.data ||
    !staff.data
  ) {
    return (
      <Stack gap="md">
        {heading}
        <Text>{t('app.loading')}</Text>
      </Stack>
    );
  }
  return children({
    sites: sites.data,
    items: items.data,
    presets: presets.data,
    serviceTypes: serviceTypes.data,
    formula: settings.data.participantCodeFormula,
    syringesPerContainer: settings.data.syringesPerContainer,
    syringesPerPound: settings.data.syringesPerPound,
    staffName: session.data.displayName,
    staffId: session.data.staffId,
    // The active first; those since deactivated after them, for forms they wrote.
    staff: [...staff.data.filter((member) => member.active), ...staff.data.filter((member) => !member.active)],
  });
}

export function LogEncounterScreen({
  headingRef,
  onOpenStock,
}: {
  headingRef?: Ref<HTMLHeadingElement>;
  /** The Stock screen, at the site the form shows. */
  onOpenStock?: (siteId: string) => void;
}) {
  const { t } = useTranslation();
  const heading = (
    <Title order={1} ref={headingRef} tabIndex={-1}>
      {t('encounterForm.heading')}
    </Title>
  );
  return (
    <Grid gap="xl">
      <Grid.Col span={{ base: 12, xl: 7 }}>
        <LogFormLoader heading={heading}>
          {(context) => (
            <LogEncounterForm context={context} heading={heading} {...(onOpenStock ? { onOpenStock } : {})} />
          )}
        </LogFormLoader>
      </Grid.Col>
      <Grid.Col span={{ base: 12, xl: 5 }}>
        <RecentEncounters />
      </Grid.Col>
    </Grid>
  );
}
