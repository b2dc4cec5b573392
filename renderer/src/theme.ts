import { createTheme, DEFAULT_THEME, rem, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/** Mantine's palette with a darker shade 9 (filled, outline and text colour): the default is under 4.5:1 on white. */
function withShade9(name: 'orange' | 'yellow' | 'green', shade9: string): MantineColorsTuple {
  const shades = [...DEFAULT_THEME.colors[name]];
  shades[9] = shade9;
  return shades as unknown as MantineColorsTuple;
}

/**
 * Hover shades of filled buttons, darker than the button (Mantine's default is the lighter shade 8,
 * under 4.5:1 behind white text for most colours).
 */
const filledHover: Record<string, string> = {
  teal: '#066649',
  red: '#a61e1e',
  orange: '#8a300a',
  yellow: '#753c00',
  green: '#1b5a28',
};

/** Text of light and subtle variants where shade 9 is too light on the tints below. */
const lightColor: Record<string, string> = { teal: '#066649' };

/**
 * Calm and legible: one quiet accent colour, 16px text and larger controls (people enter data in a
 * hurry, sometimes with gloves on). Shades are chosen for WCAG AA contrast on white.
 */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 9, dark: 9 },
  colors: {
    orange: withShade9('orange', '#a63a0c'),
    yellow: withShade9('yellow', '#8f4a00'),
    green: withShade9('green', '#237032'),
  },
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

/**
 * Light and subtle variants sit on the palest tints (shade 0, hover 1) instead of shades 1 and 2,
 * so their shade-9 text keeps 4.5:1 in both states.
 */
function accessibleVariants(): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const name of Object.keys(DEFAULT_THEME.colors)) {
    variables[`--mantine-color-${name}-light`] = `var(--mantine-color-${name}-0)`;
    variables[`--mantine-color-${name}-light-hover`] = `var(--mantine-color-${name}-1)`;
    const text = lightColor[name];
    if (text) variables[`--mantine-color-${name}-light-color`] = text;
    const hover = filledHover[name];
    if (hover) variables[`--mantine-color-${name}-filled-hover`] = hover;
  }
  return variables;
}

/** Mantine's default greys and reds are too light for small text on white. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    ...accessibleVariants(),
  },
  dark: {},
});
