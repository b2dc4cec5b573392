import { AppShell } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useEffect, useId, useRef, useState } from 'react';
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
import { StockScreen } from './features/stock/StockScreen';
import { writePreference } from './lib/storage';

/** Below Mantine's `md` breakpoint (62em, 992px) the sidebar folds into the header's menu button. */
export const menuQuery = '(width < 62em)';

export function App() {
  const { t } = useTranslation();
  const about = useAbout();
  const demo = about.data?.demo === true;
  const [screen, setScreen] = useState<Screen>('logEncounter');
  const [menuOpened, menu] = useDisclosure(false);
  // Known from the first render, so a narrow window never shows the sidebar's contents unfolded.
  const narrow = useMediaQuery(menuQuery, undefined, { getInitialValueInEffect: false }) === true;
  const navigationId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const navigated = useRef(false);

  // After choosing a screen, move focus to its heading so screen reader users hear where they are.
  useEffect(() => {
    if (navigated.current) heading.current?.focus();
  }, [screen]);

  const navigate = (next: Screen) => {
    navigated.current = true;
    menu.close();
    setScreen(next);
  };

  return (
    <AppShell
      header={{ height: headerRowHeight + (demo ? demoBannerHeight : 0) }}
      navbar={{ width: 200, breakpoint: 'md', collapsed: { mobile: !menuOpened } }}
      padding="lg"
    >
      <AppShell.Header>
        <AppHeader
          demo={demo}
          menu={narrow ? { opened: menuOpened, toggle: menu.toggle, controls: navigationId } : null}
        />
      </AppShell.Header>
      {/* Folded away, the menu is off screen: inert, so Tab and screen readers do not land in it. */}
      <AppShell.Navbar id={navigationId} aria-label={t('nav.label')} inert={narrow && !menuOpened}>
        <Navigation current={screen} onNavigate={navigate} />
      </AppShell.Navbar>
      <AppShell.Main>
        {screen === 'logEncounter' && (
          <LogEncounterScreen
            headingRef={heading}
            onOpenStock={(siteId) => {
              // The Stock screen opens at the site last used here: the one the log form shows.
              writePreference('lastSiteId', siteId);
              navigate('stock');
            }}
          />
        )}
        {screen === 'collections' && <CollectionsScreen headingRef={heading} />}
        {screen === 'encounters' && <EncountersScreen headingRef={heading} />}
        {screen === 'participants' && <ParticipantsScreen headingRef={heading} />}
        {screen === 'stock' && <StockScreen headingRef={heading} />}
        {screen === 'settings' && <SettingsScreen headingRef={heading} />}
        {screen === 'about' && <AboutScreen headingRef={heading} />}
      </AppShell.Main>
    </AppShell>
  );
}
