/**
 * The decision's safety nets (framework §3 "Safety nets"): a review date (by default 30, 60
 * or 90 days after deciding, by tier), a rollback plan (required for consultative and
 * collaborative decisions before they are decided), the outcome review (worked, partly,
 * failed; expected versus actual), recording a rollback, and the lessons learned. Each save
 * is one update: one undo step.
 */
import { Button, Group, Select, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Undo2 } from 'lucide-react';
import type { FormEvent } from 'react';
import type { Entity } from '@shared/model/entities';
import { formatCalendarDate, formatMoment } from '../../domains/charter/dates';
import {
  CharterSection,
  EditButton,
  InlineForm,
  ReadField,
  ReadFields,
  useInlineEditor,
} from '../../domains/charter/section';
import { tierLabels } from '../classification';
import { useClassification } from '../impact-fields';
import { decidedStatuses, defaultReviewOn, reviewDelayDays, rollbackPlanIssue } from '../lifecycle';
import { dateOrNull, useDecisionWriter } from './section-parts';

type Decision = Entity<'decisions'>;
type Outcome = NonNullable<Decision['reviewOutcome']>;

/** How each outcome reads. */
export const outcomeLabels: Record<Outcome, string> = {
  worked: 'Worked',
  partly: 'Partly worked',
  failed: 'Did not work',
};

interface SafetyValues {
  reviewOn: string;
  rollbackPlan: string;
  reviewOutcome: Outcome | null;
  expectedResult: string;
  actualResult: string;
  lessons: string;
}

const MAX_PROSE = 20_000;
const proseKeys = ['rollbackPlan', 'expectedResult', 'actualResult', 'lessons'] as const;

function SafetyForm({ decision, onClose }: { decision: Decision; onClose: () => void }) {
  const { failure, write } = useDecisionWriter(decision.id);
  const { tier } = useClassification(decision);
  const defaultDate = decision.decidedAt === null ? null : defaultReviewOn(tier, decision.decidedAt);
  const form = useForm<SafetyValues>({
    mode: 'controlled',
    initialValues: {
      reviewOn: decision.reviewOn ?? defaultDate ?? '',
      rollbackPlan: decision.rollbackPlan,
      reviewOutcome: decision.reviewOutcome,
      expectedResult: decision.expectedResult,
      actualResult: decision.actualResult,
      lessons: decision.lessons,
    },
  });
  const { values } = form;
  const submit = (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    const errors: Record<string, string> = {};
    for (const key of proseKeys) if (values[key].length > MAX_PROSE) errors[key] = 'Use at most 20,000 characters.';
    const planIssue = rollbackPlanIssue(tier, decision.status, values.rollbackPlan);
    if (planIssue !== null) errors.rollbackPlan = planIssue;
    if (values.reviewOn.trim() !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(values.reviewOn.trim())) {
      errors.reviewOn = 'Enter a date.';
    }
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    // Recording the outcome of a decision in force completes its lifecycle: it is reviewed.
    const reviewed =
      values.reviewOutcome !== null && (decision.status === 'decided' || decision.status === 'implemented');
    const saved = write({
      reviewOn: dateOrNull(values.reviewOn),
      rollbackPlan: values.rollbackPlan,
      reviewOutcome: values.reviewOutcome,
      expectedResult: values.expectedResult,
      actualResult: values.actualResult,
      lessons: values.lessons,
      // When the outcome was first recorded (kept while it stays recorded): when the decision was reviewed.
      reviewedAt: values.reviewOutcome === null ? null : (decision.reviewedAt ?? Date.now()),
      ...(reviewed ? { status: 'reviewed' as const } : {}),
    });
    if (saved) onClose();
  };
  const days = reviewDelayDays[tier];
  return (
    <InlineForm label="Edit safety nets" onSubmit={submit} onCancel={onClose} failure={failure}>
      <TextInput
        label="Review date"
        type="date"
        description={`Default for a ${tierLabels[tier].toLowerCase()} decision: ${days} days after deciding${
          defaultDate === null ? '' : ` (${formatCalendarDate(defaultDate)})`
        }.`}
        {...form.getInputProps('reviewOn')}
      />
      <Textarea
        label="Rollback plan"
        description={
          tier === 'autonomous'
            ? 'How the decision would be undone.'
            : `Required before a ${tierLabels[tier].toLowerCase()} decision is decided: how it would be undone.`
        }
        autosize
        minRows={2}
        maxRows={8}
        {...form.getInputProps('rollbackPlan')}
      />
      <Select
        label="Outcome"
        description="Recording the outcome of a decided or implemented decision marks it reviewed."
        placeholder="Not reviewed yet"
        clearable
        data={Object.entries(outcomeLabels).map(([value, label]) => ({ value, label }))}
        {...form.getInputProps('reviewOutcome')}
      />
      <Group grow align="flex-start">
        <Textarea label="Expected result" autosize minRows={2} maxRows={8} {...form.getInputProps('expectedResult')} />
        <Textarea label="Actual result" autosize minRows={2} maxRows={8} {...form.getInputProps('actualResult')} />
      </Group>
      <Textarea label="Lessons learned" autosize minRows={2} maxRows={8} {...form.getInputProps('lessons')} />
    </InlineForm>
  );
}

function RollbackForm({ decision, onClose }: { decision: Decision; onClose: () => void }) {
  const { failure, write } = useDecisionWriter(decision.id);
  const form = useForm<{ actualResult: string; lessons: string }>({
    mode: 'controlled',
    initialValues: { actualResult: decision.actualResult, lessons: decision.lessons },
  });
  const submit = (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    const { actualResult, lessons } = form.getValues();
    if (write({ status: 'rolled-back', rolledBackAt: Date.now(), actualResult, lessons })) onClose();
  };
  return (
    <InlineForm
      label="Record a rollback"
      onSubmit={submit}
      onCancel={onClose}
      failure={failure}
      submitLabel="Record rollback"
    >
      <Text size="sm">The decision is marked rolled back, with today’s date.</Text>
      <Textarea label="What happened" autosize minRows={2} maxRows={8} {...form.getInputProps('actualResult')} />
      <Textarea label="Lessons learned" autosize minRows={2} maxRows={8} {...form.getInputProps('lessons')} />
    </InlineForm>
  );
}

type Editing = 'edit' | 'rollback';

/** The safety nets section of a decision's page. */
export function SafetyNetsSection({ decision, readOnly }: { decision: Decision; readOnly: boolean }) {
  const editor = useInlineEditor<Editing>();
  const { tier } = useClassification(decision);
  const ids = { edit: 'decision-safety-edit', rollback: 'decision-safety-rollback' };
  const canRollBack = decision.decidedAt !== null && decision.status !== 'rolled-back';
  const inForce = decidedStatuses.includes(decision.status);
  return (
    <CharterSection
      id="decision-safety"
      title="Safety nets"
      description="When the decision is reviewed, how it would be undone, and what it taught."
      actions={
        editor.target === null ? (
          <>
            <EditButton
              id={ids.edit}
              label="Edit safety nets"
              onClick={() => editor.open('edit', ids.edit)}
              disabled={readOnly}
            />
            {canRollBack ? (
              <Button
                id={ids.rollback}
                variant="subtle"
                color="red"
                size="sm"
                leftSection={<Undo2 size={14} aria-hidden />}
                onClick={() => editor.open('rollback', ids.rollback)}
                disabled={readOnly}
              >
                Record a rollback
              </Button>
            ) : null}
          </>
        ) : null
      }
    >
      {editor.target === 'edit' ? <SafetyForm decision={decision} onClose={editor.close} /> : null}
      {editor.target === 'rollback' ? <RollbackForm decision={decision} onClose={editor.close} /> : null}
      {editor.target === null ? (
        <ReadFields>
          <ReadField
            label="Review date"
            value={decision.reviewOn === null ? '' : formatCalendarDate(decision.reviewOn)}
            hint={`Set when decided: ${reviewDelayDays[tier]} days later for a ${tierLabels[tier].toLowerCase()} decision.`}
          />
          <ReadField
            label="Rollback plan"
            value={decision.rollbackPlan}
            hint={
              tier === 'autonomous'
                ? 'Not written yet.'
                : `Not written yet. Required before this ${tierLabels[tier].toLowerCase()} decision is decided.`
            }
          />
          <ReadField
            label="Outcome"
            value={decision.reviewOutcome === null ? '' : outcomeLabels[decision.reviewOutcome]}
            hint={inForce ? 'Not reviewed yet.' : 'Reviewed once the decision is in force.'}
          />
          <ReadField label="Expected result" value={decision.expectedResult} hint="Not written yet." />
          <ReadField label="Actual result" value={decision.actualResult} hint="Not written yet." />
          {decision.rolledBackAt !== null ? (
            <ReadField label="Rolled back" value={formatMoment(decision.rolledBackAt)} hint="" />
          ) : null}
          <ReadField label="Lessons learned" value={decision.lessons} hint="Not written yet." />
        </ReadFields>
      ) : null}
    </CharterSection>
  );
}
