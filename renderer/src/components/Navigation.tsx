import { NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAllowed } from '../api/queries';

export const screens = [
  'logEncounter',
  'collections',
  'encounters',
  'participants',
  'stock',
  'settings',
  'about',
] as const;
export type Screen = (typeof screens)[number];

export function Navigation({ current, onNavigate }: { current: Screen; onNavigate: (screen: Screen) => void }) {
  const { t } = useTranslation();
  // Merging codes is for coordinators and admins: others would find only refusals there.
  const participantsAllowed = useAllowed('participants.duplicates');
  const collectionsAllowed = useAllowed('collections.log');
  return (
    <Stack gap={4} p="sm">
      {screens
        .filter((screen) => screen !== 'participants' || participantsAllowed)
        .filter((screen) => screen !== 'collections' || collectionsAllowed)
        .map((screen) => (
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
