/**
 * The pulse check (issue 6, framework §8 health): how a person feels about the team this week
 * — satisfaction, stress, collaboration, trust, each 1 to 5 — in a few clicks. Anonymous by
 * default: the answer is written by the repository's `createAnonymous`, so nothing stored
 * (no name, no Yjs client, no exact time) ties it to the person; it cannot be changed or
 * removed afterwards for the same reason. Answering by name is a choice. The figures show on
 * the dashboard only once at least 3 people answered for the same week and scope.
 */
import { Button, Checkbox, Group, Radio, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo, useState, type FormEvent } from 'react';
import { metricsPeriod, previousPeriod } from '@shared/metrics';
import type { Entity } from '@shared/model/entities';
import { describeError } from '@shared/errors';
import { selectLive } from '../../data/document-store';
import { useLocalUserName } from '../../domains/use-local-user';
import { useDocument, useSession } from '../../workspaces/session-store';
import { ErrorAlert } from '../../components/form-parts';

type Pulse = Entity<'pulseChecks'>;
type Dimension = 'satisfaction' | 'stress' | 'collaboration' | 'trust';

/** Each question, with what 1 and 5 mean. */
export const pulseQuestions: { key: Dimension; label: string; low: string; high: string }[] = [
  { key: 'satisfaction', label: 'How satisfied are you with the team?', low: 'not at all', high: 'very' },
  { key: 'stress', label: 'How stressed do you feel?', low: 'calm', high: 'very stressed' },
  { key: 'collaboration', label: 'How well does the team work together?', low: 'poorly', high: 'very well' },
  { key: 'trust', label: 'How much do you trust the team?', low: 'little', high: 'fully' },
];

interface PulseValues {
  periodStart: string;
  domainId: string;
  satisfaction: string;
  stress: string;
  collaboration: string;
  trust: string;
  anonymous: boolean;
  respondentName: string;
}

const WORKSPACE = 'workspace';
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** This week and the one before, as choices (Monday's date). */
export function pulseWeeks(now: number, zone = timeZone): { value: string; label: string }[] {
  const current = metricsPeriod({ kind: 'week', at: now }, zone);
  const previous = previousPeriod(current);
  return [
    { value: current.firstDay, label: `This week (${current.label})` },
    { value: previous.firstDay, label: `Last week (${previous.label})` },
  ];
}

/** The pulse check form; `onRecorded` is told how the answer was stored. */
export function PulseCheckForm({ onRecorded }: { onRecorded: (anonymous: boolean) => void }) {
  const repository = useSession((state) => state.session?.repository);
  const readOnly = useDocument((state) => state.readOnly) !== null;
  const domains = useDocument((state) => selectLive(state, 'domains'));
  const { name } = useLocalUserName();
  const [weeks] = useState(() => pulseWeeks(Date.now()));
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<PulseValues>({
    mode: 'controlled',
    initialValues: {
      periodStart: weeks[0]?.value ?? '',
      domainId: WORKSPACE,
      satisfaction: '',
      stress: '',
      collaboration: '',
      trust: '',
      anonymous: true,
      respondentName: name,
    },
  });
  const scopes = useMemo(
    () => [
      { value: WORKSPACE, label: 'The whole workspace' },
      ...[...domains]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((domain) => ({ value: domain.id, label: domain.name })),
    ],
    [domains],
  );

  const submit = (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    const { values } = form;
    const errors: Record<string, string> = {};
    for (const question of pulseQuestions) if (values[question.key] === '') errors[question.key] = 'Pick 1 to 5.';
    if (!values.anonymous && values.respondentName.trim() === '')
      errors.respondentName = 'Give your name, or answer anonymously.';
    else if (values.respondentName.trim().length > 200) errors.respondentName = 'Use at most 200 characters.';
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    try {
      if (!repository) throw new Error('No workspace is open.');
      const answer = {
        periodStart: values.periodStart,
        domainId: values.domainId === WORKSPACE ? null : values.domainId,
        satisfaction: Number(values.satisfaction),
        stress: Number(values.stress),
        collaboration: Number(values.collaboration),
        trust: Number(values.trust),
      } satisfies Partial<Pulse>;
      if (values.anonymous)
        repository.createAnonymous('pulseChecks', { ...answer, anonymous: true, respondentName: '' });
      else
        repository.create('pulseChecks', { ...answer, anonymous: false, respondentName: values.respondentName.trim() });
      setFailure(null);
      form.setValues({ satisfaction: '', stress: '', collaboration: '', trust: '' });
      onRecorded(values.anonymous);
    } catch (error) {
      setFailure(`The pulse check could not be recorded: ${describeError(error)}`);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Pulse check">
      <Stack gap="lg">
        <Group grow align="flex-start">
          <Select label="Week" allowDeselect={false} data={weeks} {...form.getInputProps('periodStart')} />
          <Select label="Team" allowDeselect={false} searchable data={scopes} {...form.getInputProps('domainId')} />
        </Group>
        {pulseQuestions.map((question) => (
          <Radio.Group
            key={question.key}
            label={question.label}
            description={`1 = ${question.low}, 5 = ${question.high}`}
            required
            {...form.getInputProps(question.key)}
          >
            <Group gap="lg" mt="xs">
              {['1', '2', '3', '4', '5'].map((score) => (
                <Radio key={score} value={score} label={score} />
              ))}
            </Group>
          </Radio.Group>
        ))}
        <Checkbox
          label="Answer anonymously"
          description="Nothing stored ties an anonymous answer to you, so it cannot be changed or removed afterwards. Figures show only once at least 3 people answered."
          {...form.getInputProps('anonymous', { type: 'checkbox' })}
        />
        {form.values.anonymous ? null : (
          <TextInput label="Your name" required maxLength={200} {...form.getInputProps('respondentName')} />
        )}
        <ErrorAlert error={failure} />
        <Group justify="flex-end">
          <Button type="submit" disabled={readOnly}>
            Record pulse check
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
