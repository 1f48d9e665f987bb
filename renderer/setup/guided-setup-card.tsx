/**
 * The guided setup on the dashboard: the framework's implementation guide as a checklist
 * (phases, steps, overall progress), computed by the setup-guide engine from the open
 * workspace's data; manual steps are ticked here and remembered on this device. The first
 * open step is highlighted as the next one, with a link to where it is done.
 */
import { setupProgress, type SetupRoute, type StepProgress } from '@shared/domains/setup-guide';
import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { CheckCircle2, Circle, EyeOff } from 'lucide-react';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { selectLive } from '../data/document-store';
import { useDocument } from '../workspaces/session-store';
import { domainNeedingThresholds, setupInputOf } from './setup-input';
import type { SetupStateHandle } from './use-setup-state';

/** Id of the card, for links to `/dashboard#guided-setup`. */
export const GUIDED_SETUP_ID = 'guided-setup';
/** Id of the card's heading, which receives focus when the card is reopened. */
export const GUIDED_SETUP_HEADING_ID = 'guided-setup-title';

const linkTexts: Record<SetupRoute, string | null> = {
  '/domains': 'Go to domains',
  '/domains/map': 'Go to the dependency map',
  '/decisions': 'Go to decisions',
  '/reviews': 'Go to reviews',
  '/metrics': 'Go to metrics',
  '/help': 'Read the help',
  // The step is done right here on the dashboard.
  '/dashboard': null,
};

interface StepLink {
  to: string;
  text: string;
}

function StepRow({
  progress,
  isNext,
  link,
  onTick,
}: {
  progress: StepProgress;
  isNext: boolean;
  link: StepLink | null;
  onTick: (done: boolean) => void;
}) {
  const { step, done, why } = progress;
  const descriptionId = `setup-step-${step.id}-description`;
  const checkboxId = `setup-step-${step.id}-done`;
  return (
    <Card
      component="li"
      withBorder={isNext}
      radius="md"
      padding="sm"
      bg={isNext ? 'var(--mantine-primary-color-light)' : undefined}
      aria-current={isNext ? 'step' : undefined}
    >
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <div style={{ flexShrink: 0, width: 20, paddingTop: 2 }}>
          {!step.auto ? (
            <Checkbox
              id={checkboxId}
              checked={done}
              onChange={(event) => onTick(event.currentTarget.checked)}
              aria-describedby={descriptionId}
            />
          ) : done ? (
            <CheckCircle2 size={20} color="var(--mantine-color-green-7)" aria-hidden />
          ) : (
            <Circle size={20} color="var(--mantine-color-dimmed)" aria-hidden />
          )}
        </div>
        <Stack gap={2} style={{ flexGrow: 1 }}>
          <Group gap="xs">
            {step.auto ? (
              <Text fw={600}>
                {step.title}
                <span className="visually-hidden">{done ? ' (done)' : ' (not done yet)'}</span>
              </Text>
            ) : (
              <Text component="label" htmlFor={checkboxId} fw={600} style={{ cursor: 'pointer' }}>
                {step.title}
              </Text>
            )}
            {isNext ? (
              <Badge size="sm" variant="filled">
                Next step
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" id={descriptionId}>
            {step.description}
          </Text>
          <Text size="sm" c="dimmed">
            {step.auto ? why : 'Tick this step yourself when it is done.'}
          </Text>
          {link ? (
            <Anchor component={Link} to={link.to} size="sm">
              {link.text}
            </Anchor>
          ) : null}
        </Stack>
      </Group>
    </Card>
  );
}

/** The checklist card; `setup` is the workspace's guided-setup state on this device. */
export function GuidedSetupCard({ setup }: { setup: SetupStateHandle }) {
  const domains = useDocument((state) => selectLive(state, 'domains'));
  const policies = useDocument((state) => selectLive(state, 'policies'));
  const decisionCount = useDocument((state) => selectLive(state, 'decisions').length);
  const reviewCount = useDocument((state) => selectLive(state, 'reviews').length);
  const pulseCheckCount = useDocument((state) => selectLive(state, 'pulseChecks').length);
  const { done: ticked } = setup.state;

  const progress = useMemo(
    () =>
      setupProgress(setupInputOf({ domains, policies, decisionCount, reviewCount, pulseCheckCount }), new Set(ticked)),
    [domains, policies, decisionCount, reviewCount, pulseCheckCount, ticked],
  );
  const thresholdsDomain = useMemo(() => domainNeedingThresholds(domains, policies), [domains, policies]);

  const linkFor = (progress: StepProgress): StepLink | null => {
    const { step } = progress;
    if (step.id === 'define-decision-thresholds' && thresholdsDomain) {
      return { to: `/domains/${thresholdsDomain.id}`, text: `Go to ${thresholdsDomain.name}` };
    }
    const text = linkTexts[step.route];
    return text === null ? null : { to: step.route, text };
  };

  const percent = progress.total === 0 ? 100 : Math.round((progress.done / progress.total) * 100);
  const next = progress.next;
  const nextProgress = next ? progress.phases.flatMap((phase) => phase.steps).find((s) => s.step.id === next.id) : null;
  const nextLink = nextProgress ? linkFor(nextProgress) : null;

  return (
    <Card
      id={GUIDED_SETUP_ID}
      withBorder
      radius="md"
      padding="lg"
      component="section"
      aria-labelledby={GUIDED_SETUP_HEADING_ID}
      style={{ scrollMarginTop: 'calc(var(--app-shell-header-offset, 0px) + var(--mantine-spacing-md))' }}
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={2} size="h3" id={GUIDED_SETUP_HEADING_ID} tabIndex={-1}>
              Guided setup
            </Title>
            <Text size="sm" c="dimmed">
              The framework’s implementation guide, step by step. Steps Latitude can see in your workspace tick
              themselves; tick the others when you have done them.{' '}
              <Anchor component={Link} to="/help#guide" underline="always">
                About the implementation guide
              </Anchor>
            </Text>
          </Stack>
          <Button
            variant="subtle"
            color="gray"
            leftSection={<EyeOff size={16} aria-hidden />}
            onClick={() => setup.setDismissed(true)}
          >
            Hide guided setup
          </Button>
        </Group>

        <Stack gap={4}>
          <Progress value={percent} size="lg" aria-label="Guided setup progress" />
          <Text size="sm" fw={600}>
            {progress.done} of {progress.total} steps done
          </Text>
        </Stack>

        {setup.error ? (
          <Alert color="red" role="alert" title="Guided setup">
            {setup.error}
          </Alert>
        ) : null}

        {next ? (
          <Text>
            Next: <strong>{next.title}</strong>
            {nextLink ? (
              <>
                {' · '}
                <Anchor component={Link} to={nextLink.to} underline="always">
                  {nextLink.text}
                </Anchor>
              </>
            ) : null}
          </Text>
        ) : (
          <Text role="status">Every step is done. Keep reviewing and adjusting as you go.</Text>
        )}

        {progress.phases.map((phase) => {
          const headingId = `setup-phase-${phase.phase.id}`;
          return (
            <Stack key={phase.phase.id} gap="xs" component="section" aria-labelledby={headingId}>
              <Group justify="space-between" align="baseline">
                <Title order={3} size="h4" id={headingId}>
                  {phase.phase.title}
                </Title>
                <Text size="sm" c="dimmed">
                  {phase.done} of {phase.total} done
                </Text>
              </Group>
              <Text size="sm" c="dimmed">
                {phase.phase.description}
              </Text>
              <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                {phase.steps.map((step) => (
                  <StepRow
                    key={step.step.id}
                    progress={step}
                    isNext={step.step.id === next?.id}
                    link={linkFor(step)}
                    onTick={(done) => setup.setStepDone(step.step.id, done)}
                  />
                ))}
              </Stack>
            </Stack>
          );
        })}
      </Stack>
    </Card>
  );
}
