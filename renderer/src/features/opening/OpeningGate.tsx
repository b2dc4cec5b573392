/**
 * The first thing the window shows. Until the database is open it says how far opening is: an
 * older file is converted into the current shape first, which takes minutes on years of records,
 * so each phase is shown with its bar. Then the app.
 */
import { Center, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { conversionPhases, type Opening } from '@contract/opening';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { errorCodeOf } from '../../i18n/errors';

/** How often the window asks how far opening is. */
const askEveryMs = 300;

function useOpening() {
  return useQuery({
    queryKey: ['system.opening'],
    queryFn: () => call('system.opening', {}),
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return state === 'open' || state === 'failed' ? false : askEveryMs;
    },
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

function Converting({ progress }: { progress: NonNullable<Opening['progress']> }) {
  const { t } = useTranslation();
  const percent = progress.total > 0 ? Math.round((100 * progress.done) / progress.total) : 0;
  return (
    <>
      <Text>{t('opening.converting')}</Text>
      <Text role="status" aria-live="polite">
        {t('opening.step', {
          step: conversionPhases.indexOf(progress.phase) + 1,
          steps: conversionPhases.length,
          phase: t(`opening.phases.${progress.phase}`),
        })}
      </Text>
      <Progress value={percent} size="lg" aria-label={t('opening.progressLabel')} />
    </>
  );
}

export function OpeningGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const opening = useOpening();
  const status = opening.data;
  if (status?.state === 'open') return <>{children}</>;

  const failure = opening.isError ? errorCodeOf(opening.error) : status?.state === 'failed' ? status.error?.code : null;
  return (
    <Center mih="100vh" p="lg">
      <Paper withBorder p="xl" maw={560} w="100%">
        <Stack gap="md">
          <Title order={1} size="h2">
            {t('opening.title')}
          </Title>
          {failure ? (
            <Text role="alert" c="var(--mantine-color-error)">
              {t('opening.failed')} {t(`errors.${failure}`)}
            </Text>
          ) : status?.state === 'converting' && status.progress ? (
            <Converting progress={status.progress} />
          ) : (
            <Text role="status">{t('app.loading')}</Text>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
