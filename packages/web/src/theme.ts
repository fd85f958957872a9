import { createTheme, rem } from '@mantine/core';

/**
 * Studios work on iPads: inputs and buttons default to `md`, and touch.css holds every control
 * to at least 44 px (Apple's minimum touch target).
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Button: { defaultProps: { size: 'md' } },
    TextInput: { defaultProps: { size: 'md' } },
    PasswordInput: { defaultProps: { size: 'md' } },
    Select: { defaultProps: { size: 'md' } },
    Textarea: { defaultProps: { size: 'md' } },
    NumberInput: { defaultProps: { size: 'md' } },
    // From @mantine/dates: the same size as the fields they sit beside (a date next to minutes).
    DateInput: { defaultProps: { size: 'md' } },
    TimeInput: { defaultProps: { size: 'md' } },
    SegmentedControl: { defaultProps: { size: 'md' } },
    Pagination: { defaultProps: { size: 'lg' } },
    Modal: {
      defaultProps: { centered: true, size: 'lg' },
      styles: { title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } },
    },
    Table: { defaultProps: { verticalSpacing: 'sm', highlightOnHover: true } },
    // Status badges sit in narrow table columns and calendar cards: never cut to "BOO…".
    Badge: {
      defaultProps: { tt: 'none' },
      styles: { root: { maxWidth: 'none', flexShrink: 0 }, label: { overflow: 'visible' } },
    },
  },
  other: { touchTarget: rem(44) },
});
