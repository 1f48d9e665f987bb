/**
 * "New review": a weekly, monthly or quarterly review of a period (the calendar week, month or
 * quarter containing a day — today's by default — or a custom range of dates), for the whole
 * workspace or one domain (with or without its sub-domains), with the framework's prompts or
 * one of the team's templates of that cadence. Creating it is one undo step; the review's page
 * opens next.
 */
import { Checkbox, Group, Modal, NumberInput, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '@shared/errors';
import { metricsPeriod, type MetricsPeriod } from '@shared/metrics';
import { isLocalDate, localDateOf, startOfLocalDay } from '@shared/metrics/calendar';
import { cadencePeriodKinds, defaultAgenda, formatDate, reviewCadences, type ReviewCadence } from '@shared/review';
import { ErrorAlert, FormActions } from '../components/form-parts';
import { selectLive } from '../data/document-store';
import { useDocument, useSession } from '../workspaces/session-store';
import { createReview } from './review-actions';
import { cadenceLabels } from './review-labels';
import { deviceTimeZone } from './review-data';

interface NewReviewValues {
  cadence: ReviewCadence;
  periodMode: 'calendar' | 'custom';
  /** A day inside the calendar period. */
  day: string;
  from: string;
  to: string;
  /** '' for the whole workspace. */
  domainId: string;
  includeSubdomains: boolean;
  /** '' for the framework's prompts. */
  templateId: string;
  title: string;
  voteBudget: number | string;
}

const periodWords: Record<ReviewCadence, string> = { weekly: 'week', monthly: 'month', quarterly: 'quarter' };

/** The period the form describes, or why there is none yet. */
export function periodOfForm(
  values: Pick<NewReviewValues, 'cadence' | 'periodMode' | 'day' | 'from' | 'to'>,
  timeZone: string,
): { period: MetricsPeriod; problem: null } | { period: null; problem: string } {
  try {
    if (values.periodMode === 'custom') {
      if (!isLocalDate(values.from) || !isLocalDate(values.to)) return { period: null, problem: 'Enter both dates.' };
      if (values.to < values.from) return { period: null, problem: 'The last day cannot be before the first.' };
      return { period: metricsPeriod({ kind: 'custom', start: values.from, end: values.to }, timeZone), problem: null };
    }
    if (!isLocalDate(values.day)) return { period: null, problem: 'Enter a day.' };
    const kind = cadencePeriodKinds[values.cadence];
    return { period: metricsPeriod({ kind, at: startOfLocalDay(values.day, timeZone) }, timeZone), problem: null };
  } catch (error) {
    return { period: null, problem: describeError(error) };
  }
}

function NewReviewForm({ onClose, initialCadence }: { onClose: () => void; initialCadence: ReviewCadence }) {
  const repository = useSession((state) => state.session?.repository);
  const domains = useDocument((state) => selectLive(state, 'domains'));
  const templates = useDocument((state) => selectLive(state, 'reviewTemplates'));
  const navigate = useNavigate();
  const [timeZone] = useState(deviceTimeZone);
  const [today] = useState(() => localDateOf(Date.now(), deviceTimeZone()));
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<NewReviewValues>({
    mode: 'controlled',
    initialValues: {
      cadence: initialCadence,
      periodMode: 'calendar',
      day: today,
      from: '',
      to: '',
      domainId: '',
      includeSubdomains: false,
      templateId: '',
      title: '',
      voteBudget: 3,
    },
  });
  const { values } = form;
  const resolved = periodOfForm(values, timeZone);
  const domainName = domains.find((domain) => domain.id === values.domainId)?.name;
  const suggestedTitle =
    resolved.period === null
      ? defaultAgenda(values.cadence).title
      : `${defaultAgenda(values.cadence).title}: ${resolved.period.label}${domainName === undefined ? '' : ` — ${domainName}`}`;
  const cadenceTemplates = useMemo(
    () =>
      templates
        .filter((template) => template.cadence === values.cadence)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((template) => ({ value: template.id, label: template.name })),
    [templates, values.cadence],
  );
  const hasSubdomains = domains.some((domain) => domain.parentId === values.domainId && values.domainId !== '');

  const submit = (event?: FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    const errors: Record<string, string> = {};
    if (resolved.period === null) errors[values.periodMode === 'custom' ? 'from' : 'day'] = resolved.problem;
    const title = values.title.trim() === '' ? suggestedTitle : values.title.trim();
    if (title.length > 200) errors.title = 'Use at most 200 characters.';
    const budget = typeof values.voteBudget === 'number' ? values.voteBudget : Number.NaN;
    if (!Number.isInteger(budget) || budget < 1 || budget > 20)
      errors.voteBudget = 'Enter a whole number from 1 to 20.';
    form.setErrors(errors);
    if (Object.keys(errors).length > 0 || resolved.period === null) return;
    try {
      if (!repository) throw new Error('No workspace is open.');
      const review = createReview(repository, {
        title: title.slice(0, 200),
        cadence: values.cadence,
        periodStart: resolved.period.firstDay,
        periodEnd: resolved.period.lastDay,
        domainId: values.domainId === '' ? null : values.domainId,
        includeSubdomains: values.domainId !== '' && values.includeSubdomains,
        templateId: cadenceTemplates.some((template) => template.value === values.templateId)
          ? values.templateId
          : null,
        voteBudget: budget,
      });
      onClose();
      void navigate(`/reviews/${review.id}`);
    } catch (error) {
      setFailure(`The review could not be created: ${describeError(error)}`);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="New review">
      <Stack gap="md">
        <Radio.Group
          label="Cadence"
          description="Weekly looks at decisions and value, monthly at how autonomy works, quarterly at the framework itself."
          {...form.getInputProps('cadence')}
          onChange={(value) => {
            form.setFieldValue('cadence', value as ReviewCadence);
            form.setFieldValue('templateId', '');
          }}
        >
          <Group gap="lg" mt="xs">
            {reviewCadences.map((cadence) => (
              <Radio key={cadence} value={cadence} label={cadenceLabels[cadence]} />
            ))}
          </Group>
        </Radio.Group>
        <Radio.Group label="Period" {...form.getInputProps('periodMode')}>
          <Group gap="lg" mt="xs">
            <Radio value="calendar" label={`A calendar ${periodWords[values.cadence]}`} />
            <Radio value="custom" label="A range of dates" />
          </Group>
        </Radio.Group>
        {values.periodMode === 'calendar' ? (
          <TextInput
            type="date"
            label={`A day in the ${periodWords[values.cadence]}`}
            description={`The ${periodWords[values.cadence]} containing this day is reviewed; today's by default.`}
            {...form.getInputProps('day')}
          />
        ) : (
          <Group grow align="flex-start">
            <TextInput type="date" label="First day" {...form.getInputProps('from')} />
            <TextInput type="date" label="Last day" {...form.getInputProps('to')} />
          </Group>
        )}
        <Text size="sm" aria-live="polite">
          {resolved.period === null
            ? resolved.problem
            : `Covers ${formatDate(resolved.period.firstDay)} to ${formatDate(resolved.period.lastDay)} (${resolved.period.label}).`}
        </Text>
        <Select
          label="Scope"
          description="The figures and lists of the whole workspace, or of one domain."
          allowDeselect={false}
          searchable
          nothingFoundMessage="No domain with that name"
          data={[
            { value: '', label: 'Whole workspace' },
            ...[...domains]
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((domain) => ({ value: domain.id, label: domain.name })),
          ]}
          {...form.getInputProps('domainId')}
          onChange={(value: string | null) => form.setFieldValue('domainId', value ?? '')}
        />
        {values.domainId !== '' && hasSubdomains ? (
          <Checkbox
            label="Include its sub-domains"
            {...form.getInputProps('includeSubdomains', { type: 'checkbox' })}
          />
        ) : null}
        <Select
          label="Prompts"
          description="The facilitator's questions per topic: the framework's, or a template your team saved."
          allowDeselect={false}
          data={[{ value: '', label: "The framework's prompts" }, ...cadenceTemplates]}
          {...form.getInputProps('templateId')}
          onChange={(value: string | null) => form.setFieldValue('templateId', value ?? '')}
        />
        <TextInput
          label="Title"
          placeholder={suggestedTitle}
          description="Leave it empty for the suggested title."
          {...form.getInputProps('title')}
        />
        <NumberInput
          label="Votes per person"
          description="Dots each person places in the vote phase."
          min={1}
          max={20}
          allowDecimal={false}
          allowNegative={false}
          {...form.getInputProps('voteBudget')}
        />
        <ErrorAlert error={failure} />
        <FormActions onCancel={onClose} submitLabel="Create review" />
      </Stack>
    </form>
  );
}

/** The "New review" dialog. */
export function NewReviewDialog({
  opened,
  onClose,
  initialCadence = 'weekly',
}: {
  opened: boolean;
  onClose: () => void;
  initialCadence?: ReviewCadence;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="New review"
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {opened ? <NewReviewForm onClose={onClose} initialCadence={initialCadence} /> : null}
    </Modal>
  );
}
