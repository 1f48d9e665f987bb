/**
 * An experiment's design and result (issue 5 "Experiments"; framework §5 "Innovation
 * rate"): hypothesis, success criteria, scope (local or major), start and end, result.
 * Shown only for decisions of kind experiment. Saved with one update: one undo step.
 */
import { Group, Select, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { FormEvent } from 'react';
import type { Entity } from '@shared/model/entities';
import { formatCalendarDate } from '../../domains/charter/dates';
import {
  CharterSection,
  EditButton,
  InlineForm,
  ReadField,
  ReadFields,
  useInlineEditor,
} from '../../domains/charter/section';
import { dateOrNull, useDecisionWriter } from './section-parts';

type Decision = Entity<'decisions'>;

const scopeLabels: Record<Decision['experimentScope'], string> = {
  local: 'Local (team level)',
  major: 'Major (domain level)',
};

interface ExperimentValues {
  hypothesis: string;
  successCriteria: string;
  experimentScope: Decision['experimentScope'];
  startOn: string;
  endOn: string;
  result: string;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function ExperimentForm({ decision, onClose }: { decision: Decision; onClose: () => void }) {
  const { failure, write } = useDecisionWriter(decision.id);
  const form = useForm<ExperimentValues>({
    mode: 'controlled',
    initialValues: {
      hypothesis: decision.hypothesis,
      successCriteria: decision.successCriteria,
      experimentScope: decision.experimentScope,
      startOn: decision.startOn ?? '',
      endOn: decision.endOn ?? '',
      result: decision.result,
    },
  });
  const submit = (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    const values = form.getValues();
    const errors: Record<string, string> = {};
    for (const key of ['hypothesis', 'successCriteria', 'result'] as const) {
      if (values[key].length > 20_000) errors[key] = 'Use at most 20,000 characters.';
    }
    for (const key of ['startOn', 'endOn'] as const) {
      if (values[key].trim() !== '' && !isoDate.test(values[key].trim())) errors[key] = 'Enter a date.';
    }
    if (errors.startOn === undefined && errors.endOn === undefined && values.startOn && values.endOn) {
      if (values.endOn < values.startOn) errors.endOn = 'The end must not be before the start.';
    }
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const saved = write({
      hypothesis: values.hypothesis,
      successCriteria: values.successCriteria,
      experimentScope: values.experimentScope,
      startOn: dateOrNull(values.startOn),
      endOn: dateOrNull(values.endOn),
      result: values.result,
    });
    if (saved) onClose();
  };
  return (
    <InlineForm label="Edit experiment" onSubmit={submit} onCancel={onClose} failure={failure}>
      <Textarea
        label="Hypothesis"
        description="What you expect to happen, and why."
        autosize
        minRows={2}
        maxRows={8}
        {...form.getInputProps('hypothesis')}
      />
      <Textarea
        label="Success criteria"
        description="What will tell you it worked."
        autosize
        minRows={2}
        maxRows={8}
        {...form.getInputProps('successCriteria')}
      />
      <Select
        label="Scope"
        allowDeselect={false}
        data={Object.entries(scopeLabels).map(([value, label]) => ({ value, label }))}
        {...form.getInputProps('experimentScope')}
      />
      <Group grow align="flex-start">
        <TextInput label="Start" type="date" {...form.getInputProps('startOn')} />
        <TextInput label="End" type="date" {...form.getInputProps('endOn')} />
      </Group>
      <Textarea label="Result" autosize minRows={2} maxRows={8} {...form.getInputProps('result')} />
    </InlineForm>
  );
}

/** The experiment section of a decision's page (kind experiment only). */
export function ExperimentSection({ decision, readOnly }: { decision: Decision; readOnly: boolean }) {
  const editor = useInlineEditor<true>();
  const editId = 'decision-experiment-edit';
  return (
    <CharterSection
      id="decision-experiment"
      title="Experiment"
      description="What the experiment tests, how success is judged, and what came of it."
      actions={
        editor.target === null ? (
          <EditButton
            id={editId}
            label="Edit experiment"
            onClick={() => editor.open(true, editId)}
            disabled={readOnly}
          />
        ) : null
      }
    >
      {editor.target !== null ? (
        <ExperimentForm decision={decision} onClose={editor.close} />
      ) : (
        <ReadFields>
          <ReadField label="Hypothesis" value={decision.hypothesis} hint="Not written yet." />
          <ReadField label="Success criteria" value={decision.successCriteria} hint="Not written yet." />
          <ReadField label="Scope" value={scopeLabels[decision.experimentScope]} hint="" />
          <ReadField
            label="Start"
            value={decision.startOn === null ? '' : formatCalendarDate(decision.startOn)}
            hint="Not set."
          />
          <ReadField
            label="End"
            value={decision.endOn === null ? '' : formatCalendarDate(decision.endOn)}
            hint="Not set."
          />
          <ReadField label="Result" value={decision.result} hint="Not written yet." />
        </ReadFields>
      )}
    </CharterSection>
  );
}
