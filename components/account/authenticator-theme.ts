import { createTheme } from '@aws-amplify/ui-react';

// Amplify's design tokens pointed at the store's own custom properties (app/globals.css), so the
// sign-in form follows the store's palette and type instead of Amplify's teal.
export const storeAuthTheme = createTheme({
  name: 'lumen',
  tokens: {
    colors: {
      brand: {
        primary: {
          10: 'var(--surface)',
          20: 'var(--line)',
          40: 'var(--line-strong)',
          60: 'var(--accent)',
          80: 'var(--ink)',
          90: '#3a3129',
          100: 'var(--ink)',
        },
      },
      font: { primary: 'var(--ink)', secondary: 'var(--muted)', interactive: 'var(--accent-ink)' },
      background: { primary: 'var(--bg)', secondary: 'var(--surface)' },
      border: { primary: 'var(--line-strong)', secondary: 'var(--line)', focus: 'var(--accent)' },
    },
    fonts: { default: { variable: { value: 'var(--sans)' }, static: { value: 'var(--sans)' } } },
    components: {
      authenticator: {
        router: { borderWidth: '1px', borderColor: 'var(--line)', backgroundColor: 'var(--surface)', boxShadow: 'none' },
      },
      button: {
        borderRadius: '999px',
        fontWeight: '600',
        primary: { backgroundColor: 'var(--ink)', _hover: { backgroundColor: '#3a3129' }, _focus: { backgroundColor: 'var(--ink)' } },
        link: { color: 'var(--accent-ink)', _hover: { color: 'var(--ink)', backgroundColor: 'transparent' } },
      },
      fieldcontrol: {
        borderColor: 'var(--line-strong)',
        borderRadius: '8px',
        _focus: { borderColor: 'var(--accent)', boxShadow: '0 0 0 1px var(--accent)' },
      },
      tabs: {
        item: {
          color: 'var(--muted)',
          fontWeight: '600',
          _hover: { color: 'var(--ink)' },
          _active: { color: 'var(--ink)', borderColor: 'var(--accent)' },
        },
      },
    },
  },
});
