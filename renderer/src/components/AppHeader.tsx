import { Burger, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/queries';
import { DemoBanner } from './DemoBanner';
import { LanguageSwitch } from './LanguageSwitch';
import { useSeededName } from '../i18n/seededNames';

/** The menu button's state, owned by the app shell; null where the window is wide enough for the sidebar. */
export interface HeaderMenu {
  opened: boolean;
  toggle: () => void;
  /** The navigation's id, for aria-controls. */
  controls: string;
}

export function AppHeader({ demo, menu }: { demo: boolean; menu: HeaderMenu | null }) {
  const { t } = useTranslation();
  const session = useSession();
  const shown = useSeededName();
  return (
    <>
      {demo && <DemoBanner />}
      <Group h={headerRowHeight} px="md" justify="space-between" wrap="nowrap" gap="md">
        <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
          {menu && (
            <Burger
              size="sm"
              opened={menu.opened}
              onClick={menu.toggle}
              aria-label={t('nav.menu')}
              aria-expanded={menu.opened}
              aria-controls={menu.controls}
            />
          )}
          <Text component="span" fw={700} fz="xl">
            {t('app.name')}
          </Text>
        </Group>
        <Group gap="lg" wrap="nowrap" justify="flex-end" style={{ flex: 1, minWidth: 0 }}>
          {session.data && (
            // In a narrow window the name gives way (ending in an ellipsis) before the language switch does.
            <Text component="span" truncate="end" style={{ minWidth: 0 }}>
              {t('app.signedInAs', { name: shown(session.data.displayName) })}
            </Text>
          )}
          <LanguageSwitch />
        </Group>
      </Group>
    </>
  );
}

export const headerRowHeight = 64;
