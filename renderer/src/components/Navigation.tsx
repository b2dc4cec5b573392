import { NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export const screens = ['logEncounter', 'encounters', 'settings', 'about'] as const;
export type Screen = (typeof screens)[number];

export function Navigation({ current, onNavigate }: { current: Screen; onNavigate: (screen: Screen) => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} p="sm">
      {screens.map((screen) => (
        <NavLink
          key={screen}
          component="button"
          type="button"
          label={t(`nav.${screen}`)}
          active={current === screen}
          variant="filled"
          aria-current={current === screen ? 'page' : undefined}
          onClick={() => onNavigate(screen)}
        />
      ))}
    </Stack>
  );
}
