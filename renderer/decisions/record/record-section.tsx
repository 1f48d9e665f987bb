/**
 * The decision's record: what it is about, the options considered, what was decided and
 * why, who owns it, its tags, its domain and kind, and its category (framework §1 "Levels
 * of autonomy"), which suggests the level that should own it and flags a decision recorded
 * in a domain below that level. Saved with one update: one undo step.
 */
import {
  Alert,
  Badge,
  Group,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { TriangleAlert } from 'lucide-react';
import { z } from 'zod';
import { decisionCategories, type Entity } from '@shared/model/entities';
import { selectLive } from '../../data/document-store';
import { proseField, requiredField } from '../../domains/charter/form-fields';
import {
  CharterSection,
  EditButton,
  InlineForm,
  ReadField,
  ReadFields,
  useInlineEditor,
} from '../../domains/charter/section';
import { useDocument } from '../../workspaces/session-store';
import {
  autonomyLevelLabels,
  categoryFit,
  categoryLabels,
  categoryLevels,
  type AutonomyLevel,
  type DecisionCategory,
} from '../classification';
import { useDecisionWriter } from './section-parts';

type Decision = Entity<'decisions'>;

interface RecordValues {
  title: string;
  domainId: string | null;
  kind: Decision['kind'];
  context: string;
  options: string;
  decisionText: string;
  rationale: string;
  ownerId: string | null;
  tags: string[];
  category: DecisionCategory | null;
}

const recordSchema = z.object({
  title: requiredField('Give the decision a title.'),
  context: proseField,
  options: proseField,
  decisionText: proseField,
  rationale: proseField,
  tags: z
    .array(z.string())
    .max(20, 'Use at most 20 tags.')
    .refine((tags) => tags.every((tag) => tag.trim().length <= 40), { message: 'Keep each tag to 40 characters.' }),
});

const levels: readonly AutonomyLevel[] = ['individual', 'team', 'domain'];

const categoryOptions = levels.map((level) => ({
  group: `${autonomyLevelLabels[level]} level`,
  items: decisionCategories
    .filter((category) => categoryLevels[category] === level)
    .map((category) => ({ value: category, label: categoryLabels[category] })),
}));

/** The sentence flagging a decision recorded below the level its category suggests, or null. */
export function belowLevelMessage(
  category: DecisionCategory | null,
  domain: Entity<'domains'> | undefined,
): string | null {
  if (category === null || domain === undefined) return null;
  const { suggestedLevel, belowLevel } = categoryFit(category, domain.level);
  if (!belowLevel || suggestedLevel === null) return null;
  return `${categoryLabels[category]} are usually decided at ${suggestedLevel} level, but ${domain.name} is ${
    domain.level === 'individual' ? 'an individual' : 'a team'
  } domain. Consider moving it to a ${suggestedLevel}-level domain or involving one.`;
}

function BelowLevelAlert({ message }: { message: string | null }) {
  return message === null ? null : (
    <Alert color="yellow" icon={<TriangleAlert size={18} aria-hidden />} title="Recorded below its level">
      {message}
    </Alert>
  );
}

function RecordForm({ decision, onClose }: { decision: Decision; onClose: () => void }) {
  const { failure, write } = useDecisionWriter(decision.id);
  const domains = useDocument((state) => selectLive(state, 'domains'));
  const members = useDocument((state) => selectLive(state, 'members'));
  const form = useForm<RecordValues>({
    mode: 'controlled',
    initialValues: {
      title: decision.title,
      domainId: decision.domainId,
      kind: decision.kind,
      context: decision.context,
      options: decision.options,
      decisionText: decision.decisionText,
      rationale: decision.rationale,
      ownerId: decision.ownerId,
      tags: [...decision.tags],
      category: decision.category,
    },
    validate: schemaResolver(recordSchema, { sync: true }),
  });
  const { values } = form;
  const submit = form.onSubmit((record) => {
    if (write({ ...record, tags: record.tags.map((tag) => tag.trim()).filter((tag) => tag !== '') })) onClose();
  });
  const suggested = values.category === null ? null : categoryLevels[values.category];
  const domain = domains.find((candidate) => candidate.id === values.domainId);
  const memberOptions = members.map((member) => ({ value: member.id, label: member.name }));
  if (values.ownerId !== null && !members.some((member) => member.id === values.ownerId)) {
    memberOptions.push({ value: values.ownerId, label: 'Someone no longer in the workspace' });
  }
  return (
    <InlineForm label="Edit record" onSubmit={submit} onCancel={onClose} failure={failure}>
      <TextInput label="Title" required maxLength={200} {...form.getInputProps('title')} />
      <Group grow align="flex-start">
        <Select
          label="Domain"
          placeholder="No domain"
          clearable
          data={domains.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
          {...form.getInputProps('domainId')}
        />
        <Select
          label="Owner"
          placeholder={members.length === 0 ? 'Add people under Settings first' : 'Nobody yet'}
          clearable
          data={memberOptions}
          {...form.getInputProps('ownerId')}
        />
      </Group>
      <Stack gap={4}>
        <Text size="sm" fw={500} id={`decision-${decision.id}-kind`}>
          Kind
        </Text>
        <SegmentedControl
          aria-labelledby={`decision-${decision.id}-kind`}
          data={[
            { value: 'decision', label: 'Decision' },
            { value: 'experiment', label: 'Experiment' },
          ]}
          value={values.kind}
          onChange={(value) => form.setFieldValue('kind', value === 'experiment' ? 'experiment' : 'decision')}
        />
      </Stack>
      <Textarea
        label="Context"
        description="What the decision is about and why it is needed now."
        autosize
        minRows={2}
        maxRows={10}
        {...form.getInputProps('context')}
      />
      <Textarea label="Options considered" autosize minRows={2} maxRows={10} {...form.getInputProps('options')} />
      <Textarea label="The decision" autosize minRows={2} maxRows={10} {...form.getInputProps('decisionText')} />
      <Textarea label="Rationale" autosize minRows={2} maxRows={10} {...form.getInputProps('rationale')} />
      <TagsInput
        label="Tags"
        description="Press Enter after each tag."
        maxTags={20}
        clearable
        {...form.getInputProps('tags')}
      />
      <Select
        label="Category"
        description={
          suggested === null
            ? 'The kind of decision; it suggests the level that should own it.'
            : `Suggested level: ${autonomyLevelLabels[suggested]}.`
        }
        placeholder="Not categorised"
        clearable
        data={categoryOptions}
        {...form.getInputProps('category')}
      />
      <BelowLevelAlert message={belowLevelMessage(values.category, domain)} />
    </InlineForm>
  );
}

/** The record section of a decision's page. */
export function RecordSection({ decision, readOnly }: { decision: Decision; readOnly: boolean }) {
  const editor = useInlineEditor<true>();
  const domainMap = useDocument((state) => state.entities.domains);
  const memberMap = useDocument((state) => state.entities.members);
  const editId = 'decision-record-edit';
  const owner = decision.ownerId === null ? undefined : memberMap.get(decision.ownerId);
  const domain = decision.domainId === null ? undefined : domainMap.get(decision.domainId);
  const suggested = decision.category === null ? null : categoryLevels[decision.category];
  return (
    <CharterSection
      id="decision-record"
      title="Record"
      description="What the decision is about, the options, what was decided and why."
      actions={
        editor.target === null ? (
          <EditButton id={editId} label="Edit record" onClick={() => editor.open(true, editId)} disabled={readOnly} />
        ) : null
      }
    >
      {editor.target !== null ? (
        <RecordForm decision={decision} onClose={editor.close} />
      ) : (
        <Stack gap="md">
          <ReadFields>
            <ReadField label="Context" value={decision.context} hint="Not written yet. Say what this is about." />
            <ReadField label="Options considered" value={decision.options} hint="Not written yet." />
            <ReadField label="The decision" value={decision.decisionText} hint="Not written yet." />
            <ReadField label="Rationale" value={decision.rationale} hint="Not written yet. Say why." />
            <ReadField
              label="Owner"
              value={owner?.name ?? (decision.ownerId === null ? '' : 'Someone no longer in the workspace')}
              hint="Nobody yet."
            />
            <div>
              <Text component="dt" fw={600} size="sm">
                Tags
              </Text>
              <Text component="dd" m={0}>
                {decision.tags.length === 0 ? (
                  <Text span c="dimmed" fs="italic">
                    None.
                  </Text>
                ) : (
                  <Group component="span" gap={6}>
                    {decision.tags.map((tag) => (
                      <Badge key={tag} variant="outline" tt="none">
                        {tag}
                      </Badge>
                    ))}
                  </Group>
                )}
              </Text>
            </div>
            <ReadField
              label="Category"
              value={
                decision.category === null || suggested === null
                  ? ''
                  : `${categoryLabels[decision.category]} (suggested level: ${autonomyLevelLabels[suggested]})`
              }
              hint="Not categorised."
            />
          </ReadFields>
          <BelowLevelAlert message={belowLevelMessage(decision.category, domain)} />
        </Stack>
      )}
    </CharterSection>
  );
}
