/**
 * The frame of every screen: a level-one heading that receives focus after navigation
 * (so keyboard and screen-reader users land on the new content), the document title,
 * an optional description and actions.
 */
import { Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';

/** Id of the heading that navigation moves focus to. */
export const SCREEN_HEADING_ID = 'screen-heading';

export interface ScreenProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}

/** A screen with its heading, description and actions. */
export function Screen({ title, description, actions, children }: ScreenProps) {
  useEffect(() => {
    document.title = `${title} · Latitude`;
  }, [title]);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Title order={1} id={SCREEN_HEADING_ID} tabIndex={-1} style={{ outlineOffset: 4 }}>
            {title}
          </Title>
          {description ? <Text c="dimmed">{description}</Text> : null}
        </Stack>
        {actions ? <Group gap="sm">{actions}</Group> : null}
      </Group>
      {children}
    </Stack>
  );
}
