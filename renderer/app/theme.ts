/**
 * The Mantine theme. Light and dark follow the system by default (see `App`); focus
 * rings show for keyboard use.
 */
import { Alert, createTheme, darken, Notification, type CSSVariablesResolver } from '@mantine/core';

/** Latitude's theme. */
export const theme = createTheme({
  // Deep cyan, the colour of the app icon. Shade 9 in light mode and autoContrast keep
  // links, active items and button labels above WCAG AA contrast (checked by axe in e2e).
  primaryColor: 'cyan',
  primaryShade: { light: 9, dark: 9 },
  autoContrast: true,
  // Animations stop for people who ask their system for reduced motion.
  respectReducedMotion: true,
  focusRing: 'auto',
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // A light alert's title takes its colour (yellow, orange) and falls below AA contrast on
    // its pale background; the icon carries the colour instead.
    Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-text)' } } }),
    // The default grey description of a notification is below AA contrast.
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } },
      styles: { description: { color: 'var(--mantine-color-text)' } },
    }),
  },
});

/**
 * A filled primary button darkens under the pointer. Mantine's hover for primary shade 9 is
 * shade 8, lighter, and white on cyan.8 is 4.34:1, below AA.
 */
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => {
  const hover = darken(resolved.colors.cyan[9], 0.15);
  return {
    variables: {},
    light: { '--mantine-primary-color-filled-hover': hover },
    dark: { '--mantine-primary-color-filled-hover': hover },
  };
};
