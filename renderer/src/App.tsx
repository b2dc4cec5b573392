import { AppShell } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAbout } from './api/queries';
import { AppHeader, headerRowHeight } from './components/AppHeader';
import { demoBannerHeight } from './components/DemoBanner';
import { Navigation, type Screen } from './components/Navigation';
import { AboutScreen } from './features/about/AboutScreen';
import { CollectionsScreen } from './features/collections/CollectionsScreen';
import { EncountersScreen } from './features/encounters/EncountersScreen';
import { LogEncounterScreen } from './features/encounters/LogEncounterScreen';
import { ParticipantsScreen } from './features/participants/ParticipantsScreen';
import { SettingsScreen } from './features/settings/SettingsScreen';

export function App() {
  const { t } = useTranslation();
  const about = useAbout();
  const demo = about.data?.demo === true;
  const [screen, setScreen] = useState<Screen>('logEncounter');
  const heading = useRef<HTMLHeadingElement>(null);
  const navigated = useRef(false);

  // After choosing a screen, move focus to its heading so screen reader users hear where they are.
  useEffect(() => {
    if (navigated.current) heading.current?.focus();
  }, [screen]);

  const navigate = (next: Screen) => {
    navigated.current = true;
    setScreen(next);
  };

  return (
    <AppShell
      header={{ height: headerRowHeight + (demo ? demoBannerHeight : 0) }}
      navbar={{ width: 200, breakpoint: 0 }}
      padding="lg"
    >
      <AppShell.Header>
        <AppHeader demo={demo} />
      </AppShell.Header>
      <AppShell.Navbar aria-label={t('nav.label')}>
        <Navigation current={screen} onNavigate={navigate} />
      </AppShell.Navbar>
      <AppShell.Main>
        {screen === 'logEncounter' && <LogEncounterScreen headingRef={heading} />}
        {screen === 'collections' && <CollectionsScreen headingRef={heading} />}
        {screen === 'encounters' && <EncountersScreen headingRef={heading} />}
        {screen === 'participants' && <ParticipantsScreen headingRef={heading} />}
        {screen === 'settings' && <SettingsScreen headingRef={heading} />}
        {screen === 'about' && <AboutScreen headingRef={heading} />}
      </AppShell.Main>
    </AppShell>
  );
}
