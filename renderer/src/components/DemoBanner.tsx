import { Box } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export const demoBannerHeight = 40;

/** Shown on every screen of a demo database so nobody mistakes practice data for real records. */
export function DemoBanner() {
  const { t } = useTranslation();
  return (
    <Box
      h={demoBannerHeight}
      px="md"
      fw={700}
      bg="yellow.3"
      c="black"
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        borderBottom: '2px solid var(--mantine-color-yellow-9)',
      }}
    >
      {t('demo.banner')}
    </Box>
  );
}
