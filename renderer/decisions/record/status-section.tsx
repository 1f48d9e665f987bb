/**
 * The decision's status and dates (issue 5 "status lifecycle"): draft → seeking advice /
 * deciding together → decided → implemented → reviewed, or withdrawn, rolled back,
 * superseded by another decision (picked here). Moving to decided or implemented stamps the
 * date (`stampsFor`) and, when decided, the tier's default review date; consultative and
 * collaborative decisions need a rollback plan first (asked for right here, next to the
 * status), and a consultative decision needs to say how the advice was weighed (written in
 * the Advice section; the refusal shows on the status). Saved with one update: one undo step.
 */
import { Anchor, Badge, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import type { Entity } from '@shared/model/entities';
import { decisionStatusLabels } from '../../components/entity-labels';
import { selectLive } from '../../data/document-store';
import { formatMoment } from '../../domains/charter/dates';
import {
  CharterSection,
  EditButton,
  InlineForm,
  ReadField,
  ReadFields,
  useInlineEditor,
} from '../../domains/charter/section';
import { useDocument } from '../../workspaces/session-store';
import { tierLabels } from '../classification';
import { BudgetWarning, useBudgetWarning, useClassification } from '../impact-fields';
import { adviceWeighingIssue, needsRollbackPlan, positionsIssue, rollbackPlanIssue, stampsFor } from '../lifecycle';
import { useDecisionWriter } from './section-parts';

type Decision = Entity<'decisions'>;

interface StatusValues {
  status: Decision['status'];
  supersededById: string | null;
  rollbackPlan: string;
}

/** The message when a superseded decision names no successor. */
export const SUPERSEDED_BY_REQUIRED = 'Pick the decision that supersedes this one.';

const statusOptions = Object.entries(decisionStatusLabels).map(([value, label]) => ({ value, label }));

function StatusForm({ decision, onClose }: { decision: Decision; onClose: () => void }) {
  const { failure, write } = useDecisionWriter(decision.id);
  const decisions = useDocument((state) => selectLive(state, 'decisions'));
  const { tier } = useClassification(decision);
  const form = useForm<StatusValues>({
    mode: 'controlled',
    initialValues: {
      status: decision.status,
      supersededById: decision.supersededById,
      rollbackPlan: decision.rollbackPlan,
    },
  });
  const { values } = form;
  const warning = useBudgetWarning({
    id: decision.id,
    domainId: decision.domainId,
    cost: decision.cost,
    status: values.status,
  });

  const submit = (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    const errors: Record<string, string> = {};
    // How the advice was weighed is written in the Advice section; the refusal shows here, on the status.
    const weighingIssue = adviceWeighingIssue(tier, values.status, decision.adviceWeighing);
    if (weighingIssue !== null) errors.status = weighingIssue;
    // Positions are recorded in the Deciding together section; the refusal shows here too.
    const objectionIssue = positionsIssue(tier, decision.status, values.status, decision.positions);
    if (objectionIssue !== null) errors.status = objectionIssue;
    const planIssue = rollbackPlanIssue(tier, values.status, values.rollbackPlan);
    if (planIssue !== null) errors.rollbackPlan = planIssue;
    if (values.rollbackPlan.length > 20_000) errors.rollbackPlan = 'Use at most 20,000 characters.';
    if (values.status === 'superseded' && values.supersededById === null)
      errors.supersededById = SUPERSEDED_BY_REQUIRED;
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const saved = write({
      status: values.status,
      supersededById: values.status === 'superseded' ? values.supersededById : null,
      rollbackPlan: values.rollbackPlan,
      ...stampsFor(values.status, decision, tier, Date.now()),
    });
    if (saved) onClose();
  };

  return (
    <InlineForm label="Change status" onSubmit={submit} onCancel={onClose} failure={failure}>
      <Select label="Status" required allowDeselect={false} data={statusOptions} {...form.getInputProps('status')} />
      {values.status === 'superseded' ? (
        <Select
          label="Superseded by"
          required
          searchable
          placeholder="Pick a decision"
          nothingFoundMessage="No decision with that title"
          data={decisions
            .filter((other) => other.id !== decision.id)
            .map((other) => ({ value: other.id, label: other.title }))}
          {...form.getInputProps('supersededById')}
        />
      ) : null}
      {needsRollbackPlan(tier) ? (
        <Textarea
          label="Rollback plan"
          description={`Required before a ${tierLabels[tier].toLowerCase()} decision is decided: how it would be undone.`}
          autosize
          minRows={2}
          maxRows={8}
          {...form.getInputProps('rollbackPlan')}
        />
      ) : null}
      <BudgetWarning warning={warning} />
    </InlineForm>
  );
}

function momentText(at: number | null): string {
  return at === null ? '' : formatMoment(at);
}

/** The status and dates section of a decision's page. */
export function StatusSection({ decision, readOnly }: { decision: Decision; readOnly: boolean }) {
  const editor = useInlineEditor<true>();
  const decisionMap = useDocument((state) => state.entities.decisions);
  const successor = decision.supersededById === null ? undefined : decisionMap.get(decision.supersededById);
  const editId = 'decision-status-edit';
  return (
    <CharterSection
      id="decision-status"
      title="Status and dates"
      description="Where the decision stands, and when it was proposed, decided and implemented."
      actions={
        editor.target === null ? (
          <EditButton id={editId} label="Edit status" onClick={() => editor.open(true, editId)} disabled={readOnly} />
        ) : null
      }
    >
      {editor.target !== null ? (
        <StatusForm decision={decision} onClose={editor.close} />
      ) : (
        <ReadFields>
          <div>
            <Text component="dt" fw={600} size="sm">
              Status
            </Text>
            <Text component="dd" m={0}>
              <Badge variant="light">{decisionStatusLabels[decision.status]}</Badge>
            </Text>
          </div>
          {decision.status === 'superseded' || decision.supersededById !== null ? (
            <Stack gap={0}>
              <Text component="dt" fw={600} size="sm">
                Superseded by
              </Text>
              <Text component="dd" m={0}>
                {successor ? (
                  <Anchor component={Link} to={`/decisions/${successor.id}`}>
                    {successor.title}
                  </Anchor>
                ) : (
                  'A decision that no longer exists'
                )}
              </Text>
            </Stack>
          ) : null}
          <ReadField label="Proposed" value={momentText(decision.proposedAt)} hint="Not recorded." />
          <ReadField label="Decided" value={momentText(decision.decidedAt)} hint="Not decided yet." />
          <ReadField label="Implemented" value={momentText(decision.implementedAt)} hint="Not implemented yet." />
          {decision.rolledBackAt !== null ? (
            <ReadField label="Rolled back" value={momentText(decision.rolledBackAt)} hint="" />
          ) : null}
        </ReadFields>
      )}
    </CharterSection>
  );
}
