/**
 * A decision's page (issue 5): a header with its tier (and "Override" when it is made at a
 * less demanding tier than its classification), status, domain and kind, then one section
 * per part of the record, each edited inline like a domain's charter. A decision that is
 * gone shows `MissingDecision`. A consultative decision shows its advice process
 * (`AdviceSection`) before its status.
 */
import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { SearchX, Trash2 } from 'lucide-react';
import { Link, useNavigate } from 'react-router';
import type { Entity } from '@shared/model/entities';
import { EmptyState } from '../../components/empty-state';
import { decisionStatusLabels } from '../../components/entity-labels';
import { useMoveToTrash } from '../../components/use-move-to-trash';
import { useDocument } from '../../workspaces/session-store';
import { OverrideBadge, TierBadge, useClassification } from '../impact-fields';
import { AdviceSection } from './advice-section';
import { EscalateButton, EscalationsSection } from './escalation';
import { LinksSection, ShareButton } from './links-section';
import { PositionsSection } from './positions-section';
import { ExperimentSection } from './experiment-section';
import { ImpactSection } from './impact-section';
import { RecordSection } from './record-section';
import { SafetyNetsSection } from './safety-nets-section';
import { StatusSection } from './status-section';

type Decision = Entity<'decisions'>;

/** The header buttons of a decision's page: escalate, share (personal workspaces), move to the trash. */
export function DecisionActions({ decision }: { decision: Decision }) {
  const readOnly = useDocument((state) => state.readOnly) !== null;
  const navigate = useNavigate();
  const trash = useMoveToTrash();
  return (
    <Group gap="sm">
      <EscalateButton decision={decision} />
      <ShareButton decision={decision} />
      <Button
        variant="subtle"
        color="red"
        leftSection={<Trash2 size={16} aria-hidden />}
        onClick={() => {
          if (trash('decisions', decision.id, decision.title)) void navigate('/decisions');
        }}
        disabled={readOnly}
      >
        Move to trash
      </Button>
    </Group>
  );
}

/** What the page shows for an id that is unknown or in the trash. */
export function MissingDecision() {
  return (
    <EmptyState
      icon={SearchX}
      title="This decision does not exist or is in the trash"
      action={
        <Group gap="md">
          <Anchor component={Link} to="/decisions" underline="always">
            Go to Decisions
          </Anchor>
          <Anchor component={Link} to="/trash" underline="always">
            Open the trash
          </Anchor>
        </Group>
      }
    >
      The link may be old, or someone moved the decision to the trash. A decision in the trash can be restored from
      there.
    </EmptyState>
  );
}

/** The tier, override, status, domain and kind of a decision, under its title. */
export function DecisionSummary({ decision }: { decision: Decision }) {
  const domainMap = useDocument((state) => state.entities.domains);
  const { tier, override } = useClassification(decision);
  const domain = decision.domainId === null ? undefined : domainMap.get(decision.domainId);
  return (
    <Group gap="sm" wrap="wrap" role="group" aria-label="Summary">
      <TierBadge tier={tier} size="lg" />
      {override ? <OverrideBadge /> : null}
      <Badge variant="light" color="gray" size="lg">
        <span className="visually-hidden">Status: </span>
        {decisionStatusLabels[decision.status]}
      </Badge>
      <Badge variant="outline" color="gray" size="lg">
        {decision.kind === 'experiment' ? 'Experiment' : 'Decision'}
      </Badge>
      <Text size="sm">
        Domain:{' '}
        {domain === undefined ? (
          'none (workspace level)'
        ) : domain.deletedAt === null ? (
          <Anchor component={Link} to={`/domains/${domain.id}`}>
            {domain.name}
          </Anchor>
        ) : (
          `${domain.name} (in the trash)`
        )}
      </Text>
    </Group>
  );
}

/** The sections of a live decision. */
export function DecisionPage({ decision }: { decision: Decision }) {
  const readOnly = useDocument((state) => state.readOnly) !== null;
  const { tier } = useClassification(decision);
  const props = { decision, readOnly };
  // A tier's workflow comes before the status: the advice process for a consultative
  // decision, positions for a collaborative one; the other is after everything else (collapsed).
  const consultative = tier === 'consultative';
  const collaborative = tier === 'collaborative';
  return (
    <Stack gap="lg">
      <DecisionSummary decision={decision} />
      <RecordSection {...props} />
      <ImpactSection {...props} />
      {consultative ? <AdviceSection {...props} /> : null}
      {collaborative ? <PositionsSection {...props} /> : null}
      <StatusSection {...props} />
      <EscalationsSection decision={decision} />
      <SafetyNetsSection {...props} />
      {decision.kind === 'experiment' ? <ExperimentSection {...props} /> : null}
      <LinksSection {...props} />
      {consultative ? null : <AdviceSection {...props} />}
      {collaborative ? null : <PositionsSection {...props} />}
    </Stack>
  );
}
