/**
 * What a screen shows when there is nothing in it yet: what the screen is for and the
 * one thing to do first.
 */
import { Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

export interface EmptyStateProps {
  icon: LucideIcon;
  title: string;
  children: ReactNode;
  /** The first step, usually one button or link. */
  action?: ReactNode;
}

/** An empty state that tells a person what to do first. */
export function EmptyState({ icon: Icon, title, children, action }: EmptyStateProps) {
  return (
    <Paper withBorder radius="md" p="xl" role="region" aria-label={title}>
      <Stack align="center" gap="sm" maw={560} mx="auto" ta="center">
        <ThemeIcon size={56} radius="xl" variant="light" aria-hidden>
          <Icon size={28} />
        </ThemeIcon>
        <Title order={2} size="h3">
          {title}
        </Title>
        <Text c="dimmed">{children}</Text>
        {action}
      </Stack>
    </Paper>
  );
}
