/**
 * Help: an in-app guide to the Autonomous Value Creation Framework. One topic per section
 * of the framework (1–9) and one for its implementation guide, each in plain words: a short
 * paragraph, the framework's points explained, and where that part lives in Latitude.
 *
 * Each topic has an anchor (`/help#<id>`) that other screens link to; the ids are stable:
 * `decisions`, `boundaries`, `support`, `alignment`, `value-stream`, `implementation`,
 * `governance`, `metrics`, `reviews` and `guide`.
 */
import { Anchor, Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { Screen } from '../components/screen';
import { metricDefinitions, metricGroups, type MetricGroup } from '@shared/metrics';

/** One of the framework's points and what it means in practice. */
interface Point {
  term: string;
  meaning: string;
}

/** A group of points under one of the framework's sub-headings. */
interface PointGroup {
  heading: string;
  points: Point[];
}

/** A place in Latitude where a topic is put into practice. */
interface Place {
  label: string;
  to: string;
  /** What to do or look for there. */
  note: string;
}

interface Topic {
  id: string;
  /** The framework's numbering ("1", … "9"), or null for the implementation guide. */
  number: string | null;
  title: string;
  summary: string;
  groups: PointGroup[];
  places: Place[];
}

const groupHeadings: Record<MetricGroup, string> = {
  autonomy: 'How Latitude computes the autonomy figures',
  value: 'How Latitude computes the value figures',
  health: 'How Latitude computes the health figures',
};

/**
 * The exact definitions the metrics engine uses (shared/metrics), one group per family, and
 * what every figure has in common.
 */
const computedFigures: PointGroup[] = [
  ...metricGroups.map((group) => ({
    heading: groupHeadings[group],
    points: Object.values(metricDefinitions)
      .filter((definition) => definition.group === group)
      .map((definition) => ({ term: definition.name, meaning: definition.definition })),
  })),
  {
    heading: 'Every figure',
    points: [
      {
        term: 'Counts',
        meaning:
          'Each figure says how many decisions, items or answers it comes from, and shows “not enough data” below a minimum instead of a misleading number.',
      },
      {
        term: 'Anonymity',
        meaning:
          'Health figures show only when at least 3 people answered the same pulse round. Anonymous answers store no name and are written so that nothing links them to the person’s device.',
      },
      {
        term: 'Trends and lights',
        meaning:
          'Each figure is compared with the previous periods (up, down or flat, and whether that is better) and gets a traffic light from thresholds the team can change.',
      },
    ],
  },
];

/** A domain's own page; reached from the list of domains, so the link goes there. */
const domainPage: Place = {
  label: 'A domain’s page',
  to: '/domains',
  note: 'open a domain from the list to see its page',
};

/** The framework, section by section. */
const topics: readonly Topic[] = [
  {
    id: 'decisions',
    number: '1',
    title: 'Decision-making authority',
    summary:
      'People decide faster and better when they know which decisions are theirs. The framework sorts work into three levels and every decision into three kinds, from “decide alone” to “decide together”, depending on how much it costs, who else it touches, how long it lasts and how easily it can be undone.',
    groups: [
      {
        heading: 'Levels of autonomy',
        points: [
          {
            term: 'Individual level',
            meaning:
              'How you organise your own work, which task comes first, what you learn next and how you talk with the people you serve. Nobody needs to approve these.',
          },
          {
            term: 'Team level',
            meaning:
              'Spending within the team’s budget, improving how the team works, technical choices and small local experiments.',
          },
          {
            term: 'Domain level',
            meaning:
              'Strategic initiatives, sharing resources between teams, coordinating across teams and larger experiments.',
          },
        ],
      },
      {
        heading: 'Decision thresholds',
        points: [
          {
            term: 'Autonomous decisions: no approval needed',
            meaning:
              'Within the budget limit, following the agreed guidelines, with no effect on other domains, and easy to reverse. Just decide, and record it so others can learn from it.',
          },
          {
            term: 'Consultative decisions: seek input, then decide yourself',
            meaning:
              'A moderate cost, a limited effect on other domains, consequences over the medium term, or only partly reversible. Ask the people affected for advice, then you decide.',
          },
          {
            term: 'Collaborative decisions: decide together',
            meaning:
              'A significant cost, a major effect on other domains, long-term consequences, or hard to reverse. The people affected make the decision jointly.',
          },
        ],
      },
    ],
    places: [
      {
        label: 'Decisions',
        to: '/decisions',
        note: 'each decision is classified from its cost and impact, so everyone sees who decides',
      },
      {
        label: 'Domains',
        to: '/domains',
        note: 'each domain has a level (individual, team or domain) and sits inside a broader one',
      },
      {
        ...domainPage,
        note: 'a domain’s page holds its decision thresholds: the cost limits for deciding alone and for seeking advice',
      },
    ],
  },
  {
    id: 'boundaries',
    number: '2',
    title: 'Clear boundaries',
    summary:
      'Autonomy works inside a clear frame. Each domain writes down what it owns, how its success is measured, what it may spend, the standards it keeps, and how it works with the domains around it.',
    groups: [
      {
        heading: 'Domain clarity',
        points: [
          { term: 'Explicit area of responsibility', meaning: 'What the domain owns, in words anyone can check.' },
          { term: 'Clear success metrics', meaning: 'A few measures that say whether the domain is doing well.' },
          { term: 'Resource constraints', meaning: 'The budget and the time or people the domain can use.' },
          {
            term: 'Interface agreements',
            meaning: 'What the domain provides to others and what it expects from them.',
          },
        ],
      },
      {
        heading: 'Guidelines',
        points: [
          { term: 'Value creation principles', meaning: 'What “creating value” means for this domain.' },
          { term: 'Quality standards', meaning: 'The bar every piece of work has to meet.' },
          { term: 'Risk parameters', meaning: 'How much risk the domain may take without asking.' },
          { term: 'Ethical considerations', meaning: 'Lines the domain does not cross, whatever the gain.' },
        ],
      },
      {
        heading: 'Dependencies',
        points: [
          { term: 'Clearly mapped interfaces', meaning: 'Who depends on whom, visible to everyone.' },
          { term: 'Service agreements', meaning: 'What the other side can count on, such as response times.' },
          { term: 'Communication protocols', meaning: 'Which channel to use and how often to talk.' },
          { term: 'Escalation paths', meaning: 'Whom to turn to, in order, when an agreement does not hold.' },
        ],
      },
    ],
    places: [
      { label: 'Domains', to: '/domains', note: 'the list of domains, nested by level' },
      {
        ...domainPage,
        note: 'a domain’s charter: responsibility, objectives, budget and capacity, success metrics, guidelines and interface agreements',
      },
      {
        label: 'Dependency map',
        to: '/domains/map',
        note: 'every interface agreement between domains as one picture',
      },
    ],
  },
  {
    id: 'support',
    number: '3',
    title: 'Support structures',
    summary:
      'Nobody should have to decide alone without help. Support structures give people the tools, knowledge and people they need, and safety nets make it safe to try things: mistakes are caught early, can be undone, and are learned from.',
    groups: [
      {
        heading: 'Resources',
        points: [
          { term: 'Self-service tools', meaning: 'Tools people can use without waiting for someone else.' },
          { term: 'Knowledge bases', meaning: 'Where the answers to common questions are written down.' },
          { term: 'Training materials', meaning: 'Courses and material to learn a skill.' },
          { term: 'Templates and guides', meaning: 'Starting points so nobody begins from a blank page.' },
        ],
      },
      {
        heading: 'Enablement',
        points: [
          { term: 'Skill development', meaning: 'Time and room to get better at the work.' },
          { term: 'Mentoring', meaning: 'Someone experienced to talk decisions through with.' },
          { term: 'Expert consultation', meaning: 'Specialists to ask before a difficult decision.' },
          { term: 'Peer support', meaning: 'Colleagues who help each other.' },
        ],
      },
      {
        heading: 'Safety nets',
        points: [
          {
            term: 'Review mechanisms',
            meaning: 'Each decision gets a date to look at it again and check it worked.',
          },
          { term: 'Rollback procedures', meaning: 'A plan to undo a decision if it goes wrong.' },
          { term: 'Emergency support', meaning: 'Whom to call when something breaks.' },
          {
            term: 'Learning from failures',
            meaning: 'What went wrong is written down without blame, so the next decision is better.',
          },
        ],
      },
    ],
    places: [
      {
        ...domainPage,
        note: 'a domain’s charter lists its support resources: tools, knowledge bases, training, templates, guides, mentors and experts',
      },
      {
        label: 'Decisions',
        to: '/decisions',
        note: 'decisions carry a review date, a rollback plan and what was learned',
      },
      { label: 'Reviews', to: '/reviews', note: 'the monthly review looks at support needs' },
    ],
  },
  {
    id: 'alignment',
    number: '4',
    title: 'Alignment mechanisms',
    summary:
      'Many autonomous teams only add up to something when they pull in the same direction. Alignment comes from a shared purpose, regular moments to look at progress together, and a culture where people trust each other enough to speak up.',
    groups: [
      {
        heading: 'Strategic',
        points: [
          { term: 'Clear organisational purpose', meaning: 'Why the organisation exists, known by everyone.' },
          { term: 'Domain objectives', meaning: 'What each domain wants to achieve in support of that purpose.' },
          { term: 'Value metrics', meaning: 'How the value each domain creates is measured.' },
          { term: 'Success criteria', meaning: 'What “done well” looks like, agreed in advance.' },
        ],
      },
      {
        heading: 'Operational',
        points: [
          { term: 'Regular sync points', meaning: 'Fixed moments to meet and compare notes.' },
          { term: 'Progress visibility', meaning: 'Anyone can see what is happening and how far it is.' },
          { term: 'Resource tracking', meaning: 'Knowing what has been spent against the budget.' },
          { term: 'Impact measurement', meaning: 'Checking that the work made the difference it promised.' },
        ],
      },
      {
        heading: 'Cultural',
        points: [
          { term: 'Trust building', meaning: 'Giving people room and keeping promises, in both directions.' },
          { term: 'Learning mindset', meaning: 'Treating results, good or bad, as something to learn from.' },
          { term: 'Innovation culture', meaning: 'Trying new things is expected, not just allowed.' },
          { term: 'Psychological safety', meaning: 'People can raise a problem or a mistake without fear.' },
        ],
      },
    ],
    places: [
      { ...domainPage, note: 'a domain’s charter states its purpose and objectives' },
      { label: 'Dashboard', to: '/dashboard', note: 'the workspace at a glance' },
      {
        label: 'Metrics',
        to: '/metrics',
        note: 'value and health figures, including the team’s pulse checks on trust',
      },
      { label: 'Reviews', to: '/reviews', note: 'the regular sync points, weekly to quarterly' },
    ],
  },
  {
    id: 'value-stream',
    number: '5',
    title: 'Value stream optimisation',
    summary:
      'Value reaches people faster when work does not wait. The framework aims for teams that need few others to finish their work, hand it over rarely, and have what they need within reach.',
    groups: [
      {
        heading: 'Dependency reduction',
        points: [
          { term: 'Self-contained units', meaning: 'Teams that can deliver from start to finish on their own.' },
          { term: 'Clear interfaces', meaning: 'Where teams do depend on each other, the terms are written down.' },
          { term: 'Local caching', meaning: 'Keeping what you need close, so you do not wait for others.' },
          {
            term: 'Asynchronous communication',
            meaning: 'Writing things down so others can respond when they can, instead of waiting for a meeting.',
          },
        ],
      },
      {
        heading: 'Flow enhancement',
        points: [
          { term: 'Minimised handoffs', meaning: 'Fewer moments where work passes from one person to another.' },
          { term: 'Automated workflows', meaning: 'Machines do the repetitive steps.' },
          { term: 'Clear protocols', meaning: 'Everyone knows the next step without asking.' },
          { term: 'Quick feedback', meaning: 'Finding out soon whether something worked.' },
        ],
      },
      {
        heading: 'Resource access',
        points: [
          {
            term: 'Pre-approved budgets',
            meaning: 'Money a domain may spend without asking: its budget and its autonomous limit.',
          },
          { term: 'Tool libraries', meaning: 'Tools ready to use, shared across teams.' },
          { term: 'Expert networks', meaning: 'Knowing whom to ask for which question.' },
          { term: 'Knowledge repositories', meaning: 'One place to find what others already learned.' },
        ],
      },
    ],
    places: [
      {
        label: 'Dependency map',
        to: '/domains/map',
        note: 'see which domains depend on each other, and where to reduce dependencies',
      },
      {
        ...domainPage,
        note: 'a domain’s budget and decision thresholds are its pre-approved resources; its interface agreements set the terms with others',
      },
    ],
  },
  {
    id: 'implementation',
    number: '6',
    title: 'Implementation process',
    summary:
      'Autonomy is built in steps, not switched on. First the foundations, then the skills, then more room to decide as trust grows, and all along, regular improvement.',
    groups: [
      {
        heading: '1. Foundation building',
        points: [
          { term: 'Document clear boundaries', meaning: 'Write each domain’s charter.' },
          { term: 'Establish support structures', meaning: 'List the tools, mentors and safety nets.' },
          { term: 'Define decision thresholds', meaning: 'Set the cost limits for each kind of decision.' },
          { term: 'Create resource pools', meaning: 'Give domains budgets they control.' },
        ],
      },
      {
        heading: '2. Capability development',
        points: [
          { term: 'Train decision-making', meaning: 'Practise deciding and reflecting on decisions.' },
          { term: 'Build technical skills', meaning: 'So teams can do the work without handoffs.' },
          { term: 'Develop leadership', meaning: 'Everyone leads in their own area.' },
          { term: 'Foster collaboration', meaning: 'Make it easy to work across domains.' },
        ],
      },
      {
        heading: '3. Progressive autonomy',
        points: [
          { term: 'Start with small decisions', meaning: 'Begin with low limits and easily reversible choices.' },
          { term: 'Gradually increase scope', meaning: 'Raise the limits as decisions turn out well.' },
          { term: 'Monitor and adjust', meaning: 'Watch outcomes and change limits when needed.' },
          { term: 'Celebrate successes', meaning: 'Make good autonomous decisions visible.' },
        ],
      },
      {
        heading: '4. Continuous improvement',
        points: [
          { term: 'Regular retrospectives', meaning: 'Look back together at fixed moments.' },
          { term: 'Pattern identification', meaning: 'Notice what keeps happening, good and bad.' },
          { term: 'Framework adjustment', meaning: 'Change the rules when they no longer help.' },
          { term: 'Capability enhancement', meaning: 'Keep building skills where gaps show.' },
        ],
      },
    ],
    places: [
      {
        label: 'Dashboard',
        to: '/dashboard',
        note: 'the guided setup walks through these phases step by step',
      },
      {
        ...domainPage,
        note: 'progressive autonomy happens in a domain’s decision thresholds: raise the limits as trust grows, and the history shows each step',
      },
      { label: 'Reviews', to: '/reviews', note: 'the retrospectives of continuous improvement' },
    ],
  },
  {
    id: 'governance',
    number: '7',
    title: 'Governance',
    summary:
      'Someone has to check that the framework itself works, and change it when it does not. Governance keeps an eye on outcomes and risks, and adapts limits, processes and support in the open.',
    groups: [
      {
        heading: 'Oversight',
        points: [
          { term: 'Regular effectiveness reviews', meaning: 'Check at fixed times whether autonomy is paying off.' },
          { term: 'Pattern monitoring', meaning: 'Watch trends in decisions, escalations and value.' },
          { term: 'Risk assessment', meaning: 'Look for places where too much or too little is decided alone.' },
          { term: 'Value measurement', meaning: 'Keep measuring the value created.' },
        ],
      },
      {
        heading: 'Adaptation',
        points: [
          { term: 'Framework evolution', meaning: 'The rules change as the organisation learns.' },
          {
            term: 'Threshold adjustments',
            meaning: 'Limits go up or down, each change recorded with who, when and why.',
          },
          { term: 'Process improvements', meaning: 'Remove steps that no longer help.' },
          { term: 'Support enhancement', meaning: 'Add support where people struggle.' },
        ],
      },
    ],
    places: [
      {
        label: 'Reviews',
        to: '/reviews',
        note: 'the quarterly review assesses the framework and agrees adjustments',
      },
      {
        ...domainPage,
        note: 'every change of a domain’s thresholds is kept in its policy history, with the reason',
      },
      { label: 'Metrics', to: '/metrics', note: 'the patterns to monitor' },
    ],
  },
  {
    id: 'metrics',
    number: '8',
    title: 'Success metrics',
    summary:
      'Three families of figures tell whether autonomy is working: how freely and quickly people decide, how much value reaches users, and how healthy the team is while doing it.',
    groups: [
      {
        heading: 'Autonomy metrics',
        points: [
          { term: 'Decision velocity', meaning: 'How long it takes from raising a decision to making it.' },
          { term: 'Escalation frequency', meaning: 'How often decisions have to go up or be made together.' },
          { term: 'Resource utilisation', meaning: 'How much of the budget is used.' },
          { term: 'Innovation rate', meaning: 'How many experiments are run.' },
        ],
      },
      {
        heading: 'Value metrics',
        points: [
          { term: 'Delivery speed', meaning: 'How quickly value reaches users.' },
          { term: 'User satisfaction', meaning: 'How happy users are with what they get.' },
          { term: 'Quality measures', meaning: 'Whether the work meets the quality standards.' },
          { term: 'Learning rate', meaning: 'How much the team learns from decisions and experiments.' },
        ],
      },
      {
        heading: 'Health metrics',
        points: [
          { term: 'Team satisfaction', meaning: 'How people feel about their work.' },
          { term: 'Stress levels', meaning: 'Whether the pace is sustainable.' },
          { term: 'Collaboration quality', meaning: 'How well people work together.' },
          { term: 'Trust indicators', meaning: 'Whether people trust each other and the framework.' },
        ],
      },
      ...computedFigures,
    ],
    places: [
      {
        label: 'Metrics',
        to: '/metrics',
        note: 'all three families, computed on your device and shown as trends',
      },
      { label: 'Pulse check', to: '/metrics/pulse', note: 'how you feel about the team this week, anonymously' },
      {
        label: 'Delivered value',
        to: '/metrics/value',
        note: 'delivered items with lead time, satisfaction and defects',
      },
      { ...domainPage, note: 'each domain’s own success metrics, with targets and recorded values' },
    ],
  },
  {
    id: 'reviews',
    number: '9',
    title: 'Review process',
    summary:
      'Regular reviews turn experience into improvement. Each cadence looks at a different distance: the week’s decisions, the month’s way of working, the quarter’s direction.',
    groups: [
      {
        heading: 'Weekly',
        points: [
          { term: 'Decision patterns', meaning: 'Which kinds of decisions were made, and how.' },
          { term: 'Value creation', meaning: 'What reached users this week.' },
          { term: 'Resource usage', meaning: 'What was spent.' },
          { term: 'Quick wins', meaning: 'Small improvements to make right away.' },
        ],
      },
      {
        heading: 'Monthly',
        points: [
          { term: 'Autonomy effectiveness', meaning: 'Whether people decide at the right level.' },
          { term: 'Support needs', meaning: 'Where people need more help.' },
          { term: 'Process improvements', meaning: 'What to change in how you work.' },
          { term: 'Capability gaps', meaning: 'Skills that are missing.' },
        ],
      },
      {
        heading: 'Quarterly',
        points: [
          { term: 'Framework assessment', meaning: 'Is the framework itself still right?' },
          { term: 'Major adjustments', meaning: 'Bigger changes to limits, domains or support.' },
          { term: 'Success patterns', meaning: 'What works and should spread.' },
          { term: 'Strategic alignment', meaning: 'Are domains still serving the organisation’s purpose?' },
        ],
      },
    ],
    places: [
      {
        label: 'Reviews',
        to: '/reviews',
        note: 'weekly, monthly and quarterly reviews, each prepared from the period’s own figures',
      },
    ],
  },
  {
    id: 'guide',
    number: null,
    title: 'Implementation guide',
    summary:
      'How to get started in practice, in four phases. Latitude’s guided setup on the dashboard follows them: it ticks off the steps it can see in your workspace, and you tick the others yourself.',
    groups: [
      {
        heading: '1. Initial setup',
        points: [
          { term: 'Document current state', meaning: 'Write down how decisions are made today.' },
          { term: 'Identify quick wins', meaning: 'Find the first decisions that can safely move to teams.' },
          {
            term: 'Define clear boundaries',
            meaning: 'Create your domains, their charters and their decision thresholds.',
          },
          { term: 'Establish support', meaning: 'Name the tools, mentors and safety nets.' },
        ],
      },
      {
        heading: '2. Pilot phase',
        points: [
          { term: 'Select pilot teams', meaning: 'Choose one or two teams to start with.' },
          { term: 'Start small', meaning: 'Low limits and reversible decisions first.' },
          { term: 'Gather feedback', meaning: 'Hold reviews and pulse checks.' },
          { term: 'Adjust approach', meaning: 'Change limits and charters from what you learn.' },
        ],
      },
      {
        heading: '3. Scale phase',
        points: [
          { term: 'Expand gradually', meaning: 'Bring in more teams and domains.' },
          { term: 'Build capabilities', meaning: 'Train where the pilot showed gaps.' },
          { term: 'Enhance support', meaning: 'Add the support people asked for.' },
          { term: 'Share learnings', meaning: 'Tell other teams what worked and what did not.' },
        ],
      },
      {
        heading: '4. Optimisation',
        points: [
          { term: 'Refine processes', meaning: 'Smooth the way decisions and reviews run.' },
          { term: 'Reduce friction', meaning: 'Remove waits, handoffs and approvals that add nothing.' },
          { term: 'Enhance tools', meaning: 'Improve the tools teams rely on.' },
          { term: 'Scale support', meaning: 'Make support available to everyone who needs it.' },
        ],
      },
    ],
    places: [
      {
        label: 'Dashboard',
        to: '/dashboard',
        note: 'the guided setup checklist (if you hid it, press “Guided setup” at the top of the dashboard)',
      },
      { label: 'Domains', to: '/domains', note: 'where the first step starts: create a domain' },
    ],
  },
];

function topicHeading(topic: Topic): string {
  return topic.number === null ? topic.title : `${topic.number}. ${topic.title}`;
}

function elementIdOf(topicId: string): string {
  return `help-${topicId}`;
}

/** Brings a topic into view and puts keyboard focus on its heading. */
function showTopic(topicId: string): void {
  const section = document.getElementById(elementIdOf(topicId));
  if (!section) return;
  section.scrollIntoView({ block: 'start' });
  document.getElementById(`${elementIdOf(topicId)}-title`)?.focus({ preventScroll: true });
}

function TableOfContents() {
  return (
    <Card withBorder radius="md" padding="lg" component="nav" aria-labelledby="help-contents-title">
      <Title order={2} size="h4" id="help-contents-title" mb="xs">
        Contents
      </Title>
      <List spacing={4} listStyleType="none">
        {topics.map((topic) => (
          <List.Item key={topic.id}>
            <Anchor
              component={Link}
              to={`/help#${topic.id}`}
              // The same anchor twice does not change the location, so scroll here as well.
              onClick={() => showTopic(topic.id)}
            >
              {topicHeading(topic)}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Card>
  );
}

function TopicCard({ topic }: { topic: Topic }) {
  const id = elementIdOf(topic.id);
  return (
    <Card
      id={id}
      withBorder
      radius="md"
      padding="lg"
      component="section"
      aria-labelledby={`${id}-title`}
      // Keep the topic's heading clear of the app's fixed header when scrolled to.
      style={{ scrollMarginTop: 'calc(var(--app-shell-header-offset, 0px) + var(--mantine-spacing-md))' }}
    >
      <Stack gap="sm">
        <Title order={2} size="h3" id={`${id}-title`} tabIndex={-1}>
          {topicHeading(topic)}
        </Title>
        <Text>{topic.summary}</Text>
        <SimpleGrid cols={{ base: 1, md: topic.groups.length > 2 ? 2 : topic.groups.length }} spacing="md">
          {topic.groups.map((group) => (
            <div key={group.heading}>
              <Title order={3} size="h5" mb={4}>
                {group.heading}
              </Title>
              <List spacing={4} size="sm">
                {group.points.map((point) => (
                  <List.Item key={point.term}>
                    <Text span fw={600} size="sm">
                      {point.term}.
                    </Text>{' '}
                    {point.meaning}
                  </List.Item>
                ))}
              </List>
            </div>
          ))}
        </SimpleGrid>
        <div>
          <Title order={3} size="h5" mb={4}>
            Where it lives in Latitude
          </Title>
          <List spacing={4} size="sm">
            {topic.places.map((place) => (
              <List.Item key={`${place.to}-${place.note}`}>
                <Anchor component={Link} to={place.to}>
                  {place.label}
                </Anchor>
                : {place.note}
              </List.Item>
            ))}
          </List>
        </div>
      </Stack>
    </Card>
  );
}

/** The help screen. */
export function HelpScreen() {
  const { hash } = useLocation();
  // Hash routing puts the topic after a second '#'. The shell moves focus to the screen's
  // heading after navigation (a parent's effect, so it runs after this one): scroll once
  // that is done, or the focus would bring the top of the screen back into view.
  useEffect(() => {
    const id = decodeURIComponent(hash.replace(/^#/, ''));
    if (!id) return;
    const timer = window.setTimeout(() => showTopic(id), 0);
    return () => window.clearTimeout(timer);
  }, [hash]);

  return (
    <Screen
      title="Help"
      description="The Autonomous Value Creation Framework in plain words, and where each part lives in Latitude."
    >
      <TableOfContents />
      {topics.map((topic) => (
        <TopicCard key={topic.id} topic={topic} />
      ))}
    </Screen>
  );
}
