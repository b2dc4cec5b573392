import { createTheme, rem, type CSSVariablesResolver } from '@mantine/core';

/**
 * Calm and legible: one quiet accent colour, 16px text and larger controls (people enter data in a
 * hurry, sometimes with gloves on). Shades are chosen for WCAG AA contrast on white.
 */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 9, dark: 9 },
  defaultRadius: 'sm',
  fontSizes: { xs: rem(14), sm: rem(16), md: rem(16), lg: rem(18), xl: rem(20) },
  headings: {
    sizes: {
      h1: { fontSize: rem(28), lineHeight: '1.3' },
      h2: { fontSize: rem(22), lineHeight: '1.35' },
    },
  },
  components: {
    Button: { defaultProps: { size: 'md' } },
    ActionIcon: { defaultProps: { size: 'input-md' } },
    TextInput: { defaultProps: { size: 'md' } },
    NativeSelect: { defaultProps: { size: 'md' } },
    InputWrapper: {
      styles: {
        description: { fontSize: 'var(--mantine-font-size-sm)' },
        error: { fontSize: 'var(--mantine-font-size-sm)' },
      },
    },
  },
});

/** Mantine's default greys and reds are too light for small text on white. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    // The default hover shade (teal 8) is too light for white text.
    '--mantine-color-teal-filled-hover': '#066649',
  },
  dark: {},
});
