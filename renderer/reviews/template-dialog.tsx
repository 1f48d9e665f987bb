/**
 * "Edit prompts": a team rewrites a topic's title and prompts, or hides a topic, for the
 * review's cadence, and saves that as a template (a new one, or the one the review uses). The
 * review then uses it, and the "New review" dialog offers it for reviews of that cadence. A
 * template never changes what data a topic shows (`checkReviewTemplate`).
 */
import { Alert, Button, Checkbox, Group, Modal, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { describeError } from '@shared/errors';
import { cadenceTopicIds, maxPromptLength, maxPrompts, reviewTopics, type ReviewTemplate } from '@shared/review';
import type { Entity } from '@shared/model/entities';
import { useDocument, useSession } from '../workspaces/session-store';
import { saveTemplate, type TemplateTopics } from './review-actions';
import { cadenceLabels } from './review-labels';

interface TopicValues {
  title: string;
  /** One prompt per line. */
  prompts: string;
  hidden: boolean;
}

function initialTopics(
  cadence: Entity<'reviews'>['cadence'],
  template: ReviewTemplate | undefined,
): Record<string, TopicValues> {
  return Object.fromEntries(
    cadenceTopicIds[cadence].map((id) => {
      const change = template?.topics[id];
      return [
        id,
        {
          title: change?.title ?? '',
          prompts: (change?.prompts ?? reviewTopics[id].prompts).join('\n'),
          hidden: change?.hidden ?? false,
        },
      ];
    }),
  );
}

function TemplateForm({
  review,
  template,
  onClose,
}: {
  review: Entity<'reviews'>;
  template: ReviewTemplate | undefined;
  onClose: () => void;
}) {
  const repository = useSession((state) => state.session?.repository);
  const stored = useDocument((state) =>
    review.templateId === null ? undefined : state.entities.reviewTemplates.get(review.templateId),
  );
  const current = template !== undefined && stored !== undefined && stored.deletedAt === null ? stored : undefined;
  const [name, setName] = useState(current?.name ?? `Our ${review.cadence} prompts`);
  const [topics, setTopics] = useState(() => initialTopics(review.cadence, template));
  const [failure, setFailure] = useState<string | null>(null);
  const change = (id: string, patch: Partial<TopicValues>) =>
    setTopics((all) => ({ ...all, [id]: { ...(all[id] as TopicValues), ...patch } }));

  const save = (asNew: boolean) => {
    const changes: TemplateTopics = {};
    for (const id of cadenceTopicIds[review.cadence]) {
      const values = topics[id] as TopicValues;
      const prompts = values.prompts
        .split('\n')
        .map((prompt) => prompt.trim())
        .filter((prompt) => prompt !== '');
      const title = values.title.trim();
      if (prompts.length > maxPrompts) {
        return setFailure(`${reviewTopics[id].title}: at most ${maxPrompts} prompts, one per line.`);
      }
      if (prompts.some((prompt) => prompt.length > maxPromptLength)) {
        return setFailure(`${reviewTopics[id].title}: a prompt may be at most ${maxPromptLength} characters.`);
      }
      changes[id] = title === '' ? { prompts, hidden: values.hidden } : { title, prompts, hidden: values.hidden };
    }
    try {
      if (!repository) throw new Error('No workspace is open.');
      saveTemplate(repository, review, {
        templateId: asNew || current === undefined ? null : current.id,
        name: name.trim(),
        cadence: review.cadence,
        topics: changes,
      });
      onClose();
    } catch (error) {
      setFailure(`The template could not be saved: ${describeError(error)}`);
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save(current === undefined);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Edit prompts">
      <Stack gap="md">
        <Text size="sm">
          Rewrite the facilitator's questions of each {review.cadence} topic, one per line, or hide a topic. The figures
          and lists a topic shows stay as they are.
        </Text>
        <TextInput
          label="Template name"
          required
          maxLength={200}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        {cadenceTopicIds[review.cadence].map((id) => {
          const values = topics[id] as TopicValues;
          return (
            <Paper key={id} withBorder p="sm" radius="md" component="fieldset" style={{ margin: 0 }}>
              <Stack gap="xs">
                <Title order={3} size="h5" component="legend">
                  {reviewTopics[id].title}
                </Title>
                <TextInput
                  label={`Title of ${reviewTopics[id].title}`}
                  placeholder={reviewTopics[id].title}
                  maxLength={200}
                  value={values.title}
                  onChange={(event) => change(id, { title: event.currentTarget.value })}
                />
                <Textarea
                  label={`Prompts of ${reviewTopics[id].title}`}
                  description={`One per line, at most ${maxPrompts}.`}
                  autosize
                  minRows={3}
                  maxRows={10}
                  value={values.prompts}
                  onChange={(event) => change(id, { prompts: event.currentTarget.value })}
                />
                <Checkbox
                  label={`Hide ${reviewTopics[id].title} in reviews using this template`}
                  checked={values.hidden}
                  onChange={(event) => change(id, { hidden: event.currentTarget.checked })}
                />
              </Stack>
            </Paper>
          );
        })}
        {failure ? (
          <Alert color="red" role="alert" title="Nothing was saved">
            {failure}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          {current !== undefined ? (
            <Button variant="default" onClick={() => save(true)}>
              Save as a new template
            </Button>
          ) : null}
          <Button type="submit">{current === undefined ? 'Save prompts as template' : `Update ${current.name}`}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The "Edit prompts" dialog of a review. */
export function TemplateDialog({
  opened,
  review,
  template,
  onClose,
}: {
  opened: boolean;
  review: Entity<'reviews'>;
  template: ReviewTemplate | undefined;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`Edit prompts: ${cadenceLabels[review.cadence].toLowerCase()} reviews`}
      size="xl"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {opened ? <TemplateForm review={review} template={template} onClose={onClose} /> : null}
    </Modal>
  );
}
