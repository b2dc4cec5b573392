import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/queries';
import { DemoBanner } from './DemoBanner';
import { LanguageSwitch } from './LanguageSwitch';
import { useSeededName } from '../i18n/seededNames';

export function AppHeader({ demo }: { demo: boolean }) {
  const { t } = useTranslation();
  const session = useSession();
  const shown = useSeededName();
  return (
    <>
      {demo && <DemoBanner />}
      <Group h={headerRowHeight} px="md" justify="space-between" wrap="nowrap">
        <Text component="span" fw={700} fz="xl">
          {t('app.name')}
        </Text>
        <Group gap="lg" wrap="nowrap">
          {session.data && (
            <Text component="span">{t('app.signedInAs', { name: shown(session.data.displayName) })}</Text>
          )}
          <LanguageSwitch />
        </Group>
      </Group>
    </>
  );
}

export const headerRowHeight = 64;
