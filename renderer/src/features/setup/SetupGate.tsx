/** Shows the first-run screen until the program is set up, then the app. */
import { Center, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../i18n/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSetupStatus } from './hooks';
import { SetupScreen } from './SetupScreen';

export function SetupGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const status = useSetupStatus();
  if (status.isPending) {
    return (
      <Center mih="100vh">
        <Text role="status">{t('app.loading')}</Text>
      </Center>
    );
  }
  if (status.isError) {
    return (
      <Center mih="100vh" p="lg">
        <ErrorAlert code={errorCodeOf(status.error)} />
      </Center>
    );
  }
  return status.data.needed ? <SetupScreen catalog={status.data.catalog} /> : <>{children}</>;
}
