/**
 * Help: the Autonomous Value Creation Framework in plain words, and where each part
 * lives in Latitude. Each topic has an anchor that other screens link to.
 */
import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { Screen } from '../components/screen';

interface Topic {
  id: string;
  title: string;
  text: string;
  where: { label: string; to: string };
}

const topics: Topic[] = [
  {
    id: 'decisions',
    title: 'Who decides what',
    text: 'Work happens at three levels: individuals, teams and domains. Each decision is autonomous (decide alone), consultative (seek advice, then decide) or collaborative (decide together), depending on its cost, its effect on other domains, how long it lasts and how hard it is to undo.',
    where: { label: 'Decisions', to: '/decisions' },
  },
  {
    id: 'boundaries',
    title: 'Clear boundaries',
    text: 'Every domain states what it is responsible for, how success is measured, the resources it may use, its guidelines, and the agreements it has with the domains it depends on, including whom to escalate to.',
    where: { label: 'Domains', to: '/domains' },
  },
  {
    id: 'support',
    title: 'Support and safety nets',
    text: 'Tools, knowledge and mentors are listed with each domain. Decisions carry a review date and a rollback plan, and what was learned is written down, so it is safe to try things.',
    where: { label: 'Domains', to: '/domains' },
  },
  {
    id: 'alignment',
    title: 'Alignment',
    text: 'Domains share the organisation’s purpose and measure the value they create, so autonomy stays pointed in one direction.',
    where: { label: 'Dashboard', to: '/dashboard' },
  },
  {
    id: 'metrics',
    title: 'Success metrics',
    text: 'Autonomy (decision speed, escalations, budget use, experiments), value (delivery speed, satisfaction, quality, learning) and health (satisfaction, stress, collaboration, trust) are computed on your device and shown as trends.',
    where: { label: 'Metrics', to: '/metrics' },
  },
  {
    id: 'reviews',
    title: 'Reviews',
    text: 'A weekly review looks at decision patterns and quick wins, a monthly one at how well autonomy works, a quarterly one at the framework itself. Each is prepared from the period’s own figures.',
    where: { label: 'Reviews', to: '/reviews' },
  },
];

/** The help screen. */
export function HelpScreen() {
  const { hash } = useLocation();
  // Hash routing puts the topic after a second '#'; scroll to it when present.
  useEffect(() => {
    const id = hash.replace(/^#/, '');
    if (id) document.getElementById(`help-${id}`)?.scrollIntoView({ block: 'start' });
  }, [hash]);

  return (
    <Screen
      title="Help"
      description="The Autonomous Value Creation Framework in plain words, and where it lives in Latitude."
    >
      <Stack gap="md">
        {topics.map((topic) => (
          <Card
            key={topic.id}
            id={`help-${topic.id}`}
            withBorder
            radius="md"
            padding="lg"
            component="section"
            aria-labelledby={`help-${topic.id}-title`}
          >
            <Title order={2} size="h4" id={`help-${topic.id}-title`} mb="xs">
              {topic.title}
            </Title>
            <Text mb="xs">{topic.text}</Text>
            <Anchor component={Link} to={topic.where.to} size="sm">
              Where in Latitude: {topic.where.label}
            </Anchor>
          </Card>
        ))}
      </Stack>
    </Screen>
  );
}
