/**
 * The "Track record" card under a domain's threshold policy (framework.md §6.3 progressive
 * autonomy, §7 threshold adjustments): the domain's reviewed decisions, what the shared
 * `suggestThresholds` engine makes of them, and, when it suggests raising or lowering the
 * limits, a button that accepts the suggestion through `changePolicy`, so it is recorded in
 * the change history like a manual change.
 */
import { Alert, Button, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Check, TrendingUp } from 'lucide-react';
import { useMemo, useState } from 'react';
import { progressionDefaults, suggestThresholds, type ThresholdSuggestion } from '@shared/decisions/progression';
import { formatAmount, formatNumber } from '@shared/domains/format';
import type { ThresholdLimits } from '@shared/domains/policy';
import type { Entity } from '@shared/model/entities';
import { describeError } from '@shared/errors';
import { useDocument, useSession } from '../../workspaces/session-store';
import { changePolicy } from '../policy-actions';
import { useLocalUser } from '../use-local-user';
import { acceptanceReason, limitsChangedAt, reviewedDecisionsOf } from './progression-record';
import { useWriteFailure } from './section';

const HEADING_ID = 'charter-track-record-heading';

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fw={600}>
        {value}
      </Text>
    </div>
  );
}

function Evidence({ suggestion }: { suggestion: ThresholdSuggestion }) {
  const { evidence } = suggestion;
  return (
    <div role="group" aria-label="Evidence">
      <SimpleGrid cols={{ base: 2, sm: 4 }} component="dl" m={0}>
        <Figure label="Reviewed" value={formatNumber(evidence.count)} />
        <Figure label="Worked" value={formatNumber(evidence.worked)} />
        <Figure label="Partly" value={formatNumber(evidence.partly)} />
        <Figure label="Failed" value={formatNumber(evidence.failed)} />
        <Figure label="Rolled back" value={formatNumber(evidence.rollbacks)} />
        <Figure label="Overrides" value={formatNumber(evidence.overrides)} />
        <Figure
          label="Success rate"
          value={evidence.count === 0 ? '—' : `${Math.round(evidence.successRate * 100)}%`}
        />
      </SimpleGrid>
    </div>
  );
}

/** The domain's track record and the engine's suggestion for its limits. */
export function ProgressionCard({
  domain,
  limits,
  policyId,
  readOnly,
}: {
  domain: Entity<'domains'>;
  /** The limits that apply to the domain now. */
  limits: ThresholdLimits;
  /** The policy they come from (the domain's, an ancestor's or the workspace's); null for the built-in ones. */
  policyId: string | null;
  readOnly: boolean;
}) {
  const decisionMap = useDocument((state) => state.entities.decisions);
  const domainMap = useDocument((state) => state.entities.domains);
  const policyMap = useDocument((state) => state.entities.policies);
  const repository = useSession((state) => state.session?.repository);
  const { userId, name } = useLocalUser();
  const { failure, attempt } = useWriteFailure();
  // The time the suggestion is computed for; fixed while the page is open, like its data's window.
  const [now] = useState(() => Date.now());

  const result = useMemo((): { suggestion: ThresholdSuggestion } | { error: string } => {
    try {
      const policies = [...policyMap.values()];
      const reviewed = reviewedDecisionsOf(domain.id, decisionMap.values(), [...domainMap.values()], policies);
      // Only what was reviewed under the limits in force counts (see suggestThresholds).
      const changedAt = limitsChangedAt(policyId === null ? undefined : policyMap.get(policyId));
      return { suggestion: suggestThresholds(reviewed, limits, { now, limitsChangedAt: changedAt }) };
    } catch (error) {
      return { error: describeError(error) };
    }
  }, [decisionMap, domainMap, policyMap, domain.id, limits, policyId, now]);

  const accept = (suggestion: ThresholdSuggestion) =>
    attempt(() => {
      if (!repository || userId === null) throw new Error('No workspace is open.');
      changePolicy(
        repository,
        [...policyMap.values()],
        { domainId: domain.id, limits: suggestion.limits, reason: acceptanceReason(suggestion) },
        { userId, name },
        Date.now(),
      );
    });

  const unit = domain.budgetUnit;
  let body;
  if ('error' in result) {
    body = (
      <Text size="sm" c="red">
        The track record cannot be read: {result.error}
      </Text>
    );
  } else {
    const { suggestion } = result;
    const { minimumSample } = progressionDefaults;
    const tooFew = suggestion.direction === 'keep' && suggestion.evidence.count < minimumSample;
    body = (
      <>
        <Evidence suggestion={suggestion} />
        <List size="sm" spacing={2} aria-label="Why">
          {suggestion.reasons.map((reason) => (
            <List.Item key={reason}>{reason}.</List.Item>
          ))}
        </List>
        {suggestion.direction === 'keep' ? (
          <Text size="sm" fw={600}>
            {tooFew
              ? `Suggestion: keep the limits. Not enough reviewed decisions yet: ${formatNumber(suggestion.evidence.count)} of ${formatNumber(minimumSample)}.`
              : 'Suggestion: keep the limits.'}
          </Text>
        ) : (
          <Alert
            color={suggestion.direction === 'raise' ? 'green' : 'yellow'}
            icon={<TrendingUp size={18} aria-hidden />}
            title={suggestion.direction === 'raise' ? 'Suggestion: raise the limits' : 'Suggestion: lower the limits'}
          >
            <Stack gap="xs">
              <Text size="sm">
                Autonomous up to {formatAmount(suggestion.limits.autonomousCostLimit, unit)}; consultative up to{' '}
                {formatAmount(suggestion.limits.consultativeCostLimit, unit)}.
              </Text>
              {readOnly ? null : (
                <Group>
                  <Button size="sm" leftSection={<Check size={14} aria-hidden />} onClick={() => accept(suggestion)}>
                    Accept suggestion
                  </Button>
                </Group>
              )}
              {failure ? (
                <Text size="sm" c="red" role="alert">
                  {failure}
                </Text>
              ) : null}
            </Stack>
          </Alert>
        )}
      </>
    );
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={HEADING_ID}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={3} size="h4" id={HEADING_ID}>
            Track record
          </Title>
          <Text size="sm" c="dimmed">
            How this domain’s reviewed decisions turned out, and whether its limits could change.
          </Text>
        </Stack>
        {body}
      </Stack>
    </Paper>
  );
}
