import type { ReactNode } from 'react';
import { Box, Stack } from '@mantine/core';

/**
 * The actions of a form, and any refusal or warning that needs an answer before them (such as
 * "too soon after the last session"), stuck to the bottom of the window (or of the dialog) while
 * the form above scrolls: on an iPad the actions are never below the fold and a refusal is never
 * out of sight.
 */
export function StickyActions({ children, dialog = false }: { children: ReactNode; dialog?: boolean }) {
  return (
    <Box
      pos="sticky"
      bottom={0}
      pt={dialog ? 'sm' : 'xs'}
      pb={dialog ? 'md' : 'xs'}
      // In a dialog, over the dialog's own bottom padding, so nothing scrolls out beneath it.
      mb={dialog ? 'calc(var(--mantine-spacing-md) * -1)' : 0}
      bg="var(--mantine-color-body)"
      style={{
        // Above the segmented controls and badges it slides over (they are positioned).
        zIndex: 5,
        ...(dialog ? { borderTop: '1px solid var(--mantine-color-gray-2)' } : {}),
      }}
      data-testid="sticky-actions"
    >
      <Stack gap="sm">{children}</Stack>
    </Box>
  );
}
