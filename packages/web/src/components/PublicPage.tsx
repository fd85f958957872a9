import type { ReactNode } from 'react';
import { Box, Center, Group, Paper } from '@mantine/core';
import { LanguageSwitch } from './LanguageSwitch.js';

/** The frame of the pages seen before signing in: the language menu and one card. */
export function PublicPage({ children, width = 480 }: { children: ReactNode; width?: number }) {
  return (
    <Box mih="100dvh" bg="gray.0">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center px="md" pb="xl">
        <Paper withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 'xl' }} w="100%" maw={width}>
          {children}
        </Paper>
      </Center>
    </Box>
  );
}
