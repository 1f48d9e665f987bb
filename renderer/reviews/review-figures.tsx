/**
 * A review's figures (from the metrics engine, through `prepareReview`): each with its value or
 * why there is none ("not enough data (2 of 5 needed)"), what it was computed from, its traffic
 * light in words and its trend in words — never colour alone.
 */
import { Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { lightInWords, trendInWords, type ReviewFigure } from '@shared/review';

const lightColours = { green: 'green', amber: 'yellow', red: 'red', none: 'gray' } as const;

/** "On track", "To watch", "Off track": the light in words for the badge. */
const lightNames = { green: 'On track', amber: 'To watch', red: 'Off track', none: '' } as const;

/** One figure. */
export function FigureCard({ figure, size = 'md' }: { figure: ReviewFigure; size?: 'md' | 'xl' }) {
  const trend = trendInWords(figure.trend.direction, figure.trend.assessment);
  const light = lightInWords(figure.light);
  return (
    <Paper withBorder radius="md" p={size === 'xl' ? 'lg' : 'sm'} component="li">
      <Stack gap={4}>
        <Text fw={600} size={size === 'xl' ? 'xl' : 'sm'}>
          {figure.name}
        </Text>
        <Text size={size === 'xl' ? '2.5rem' : 'xl'} fw={700} lh={1.2}>
          {figure.value === null ? (
            <Text span size={size === 'xl' ? 'xl' : 'sm'} fw={400}>
              {figure.text}
            </Text>
          ) : (
            figure.text
          )}
        </Text>
        <Text size={size === 'xl' ? 'lg' : 'xs'} c="dimmed">
          {figure.basis}
        </Text>
        {light !== '' || trend !== '' ? (
          <Group gap="xs">
            {light !== '' ? (
              <Badge variant="light" color={lightColours[figure.light]} size={size === 'xl' ? 'xl' : 'sm'}>
                {lightNames[figure.light]} ({light})
              </Badge>
            ) : null}
            {trend !== '' ? <Text size={size === 'xl' ? 'lg' : 'xs'}>Trend: {trend}</Text> : null}
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** A grid of figures, as a list named `label`. */
export function FigureGrid({
  figures,
  label,
  size = 'md',
}: {
  figures: readonly ReviewFigure[];
  label: string;
  size?: 'md' | 'xl';
}) {
  return (
    <SimpleGrid
      cols={size === 'xl' ? { base: 1, sm: 2 } : { base: 1, xs: 2, md: 3, lg: 4 }}
      spacing="sm"
      component="ul"
      aria-label={label}
      m={0}
      p={0}
      style={{ listStyle: 'none' }}
    >
      {figures.map((figure) => (
        <FigureCard key={figure.key} figure={figure} size={size} />
      ))}
    </SimpleGrid>
  );
}
