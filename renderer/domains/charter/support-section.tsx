/**
 * Support structures (framework §3 "Resources" and "Enablement"): self-service tools,
 * knowledge bases, training materials, templates and guides, with a link and/or a note;
 * mentors and experts to ask. Links open in the system browser through the platform
 * (`openExternal`), never in the app's window.
 */
import { Anchor, Badge, Button, Group, NativeSelect, Table, Text, Textarea, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ExternalLink, LifeBuoy, Pencil, Trash2 } from 'lucide-react';
import type { MouseEvent } from 'react';
import { z } from 'zod';
import { describeError } from '@shared/errors';
import { compareIds } from '@shared/domains/order';
import type { Entity, SupportResource } from '@shared/model/entities';
import { usePlatform } from '../../platform';
import { useSession } from '../../workspaces/session-store';
import { proseField, requiredField } from './form-fields';
import { CharterSection, InlineForm, prose, useInlineEditor, useWriteFailure } from './section';

type Kind = SupportResource['kind'];

const kindLabels: Record<Kind, string> = {
  tool: 'Tool',
  'knowledge-base': 'Knowledge base',
  training: 'Training material',
  template: 'Template',
  guide: 'Guide',
  mentor: 'Mentor',
  expert: 'Expert',
};

const kindOrder = Object.keys(kindLabels) as Kind[];

/** Mentors and experts are people: their "title" is a name and they need no link. */
const personKinds: ReadonlySet<Kind> = new Set(['mentor', 'expert']);

type Editing = { kind: 'new' } | { kind: 'resource'; resourceId: string };

interface ResourceValues {
  kind: Kind;
  title: string;
  link: string;
  note: string;
}

const webAddress = z.url({ protocol: /^https?$/ });

const resourceSchema = z
  .object({
    kind: z.enum(['tool', 'knowledge-base', 'training', 'template', 'guide', 'mentor', 'expert']),
    title: requiredField('Give it a title, or the person’s name.'),
    link: z.string().refine((value) => value.trim() === '' || webAddress.safeParse(value.trim()).success, {
      message: 'Use a web address that starts with https:// or http://.',
    }),
    note: proseField,
  })
  .superRefine((values, context) => {
    if (!personKinds.has(values.kind) && values.link.trim() === '' && values.note.trim() === '') {
      context.addIssue({ code: 'custom', path: ['link'], message: 'Add a link or a note, so people can find it.' });
    }
  });

function ResourceForm({
  domainId,
  resource,
  onClose,
}: {
  domainId: string;
  resource: SupportResource | null;
  onClose: () => void;
}) {
  const repository = useSession((state) => state.session?.repository);
  const { failure, attempt } = useWriteFailure();
  const form = useForm<ResourceValues>({
    mode: 'controlled',
    initialValues: resource
      ? { kind: resource.kind, title: resource.title, link: resource.link, note: resource.note }
      : { kind: 'tool', title: '', link: '', note: '' },
    validate: schemaResolver(resourceSchema, { sync: true }),
  });
  const person = personKinds.has(form.values.kind);
  const submit = form.onSubmit((values) => {
    if (!repository) return;
    const fields = { kind: values.kind, title: values.title, link: values.link.trim(), note: values.note };
    const saved = attempt(() => {
      if (resource) repository.updateInCollection('domains', domainId, 'resources', resource.id, fields);
      else repository.addToCollection('domains', domainId, 'resources', fields);
    });
    if (saved) onClose();
  });
  return (
    <InlineForm
      label={resource ? `Edit resource ${resource.title}` : 'New support resource'}
      onSubmit={submit}
      onCancel={onClose}
      failure={failure}
    >
      <Group grow align="flex-start">
        <NativeSelect
          label="Kind"
          data={kindOrder.map((kind) => ({ value: kind, label: kindLabels[kind] }))}
          {...form.getInputProps('kind')}
        />
        <TextInput
          label={person ? 'Name' : 'Title'}
          description={person ? 'Who to ask.' : 'e.g. “Deployment checklist”.'}
          required
          {...form.getInputProps('title')}
        />
      </Group>
      <TextInput
        label="Link"
        type="url"
        description={
          person ? 'Optional: a profile or calendar page.' : 'A web address (https://…). A link or a note is needed.'
        }
        placeholder="https://"
        {...form.getInputProps('link')}
      />
      <Textarea
        label="Note"
        description={person ? 'What to ask them about, and how to reach them.' : 'What it is for, or where to find it.'}
        autosize
        minRows={2}
        maxRows={8}
        {...form.getInputProps('note')}
      />
    </InlineForm>
  );
}

/** Tools, knowledge, training, templates and guides, mentors and experts. */
export function SupportSection({ domain, readOnly }: { domain: Entity<'domains'>; readOnly: boolean }) {
  const repository = useSession((state) => state.session?.repository);
  const platform = usePlatform();
  const editor = useInlineEditor<Editing>();
  const addId = 'charter-support-add';
  const resources = Object.values(domain.resources).sort(
    (a, b) =>
      kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) ||
      a.title.localeCompare(b.title, 'en', { sensitivity: 'base' }) ||
      compareIds(a.id, b.id),
  );
  const editing = editor.target;
  const editedResource = editing?.kind === 'resource' ? domain.resources[editing.resourceId] : undefined;

  const open = (event: MouseEvent<HTMLAnchorElement>, resource: SupportResource) => {
    // The window never navigates away: the platform opens http(s) links in the system browser.
    event.preventDefault();
    platform.openExternal(resource.link).then(
      (opened) => {
        if (!opened) {
          notifications.show({ color: 'red', title: 'Could not open the link', message: resource.link });
        }
      },
      (error: unknown) =>
        notifications.show({ color: 'red', title: 'Could not open the link', message: describeError(error) }),
    );
  };

  const remove = (resource: SupportResource) => {
    if (!repository) return;
    try {
      repository.removeFromCollection('domains', domain.id, 'resources', resource.id);
      notifications.show({
        title: 'Resource removed',
        message: `${resource.title} was removed. Ctrl+Z brings it back.`,
      });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not remove the resource', message: describeError(error) });
    }
  };

  return (
    <CharterSection
      id="support"
      title="Support structures"
      description="Where people in this domain find tools, knowledge, training and help, so they can decide on their own."
      actions={
        editing?.kind === 'new' ? null : (
          <Button
            id={addId}
            variant="default"
            size="sm"
            leftSection={<LifeBuoy size={14} aria-hidden />}
            onClick={() => editor.open({ kind: 'new' }, addId)}
            disabled={readOnly || editing !== null}
          >
            Add support resource
          </Button>
        )
      }
    >
      {editing?.kind === 'new' ? <ResourceForm domainId={domain.id} resource={null} onClose={editor.close} /> : null}
      {editedResource ? (
        <ResourceForm key={editedResource.id} domainId={domain.id} resource={editedResource} onClose={editor.close} />
      ) : null}
      {resources.length === 0 ? (
        <Text c="dimmed" fs="italic">
          No support structures yet. Add the tools, knowledge bases, training materials, templates and guides people
          here rely on, and the mentors and experts they can ask.
        </Text>
      ) : (
        <Table verticalSpacing="xs" aria-labelledby="charter-support-heading">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Resource</Table.Th>
              <Table.Th w={170}>Kind</Table.Th>
              <Table.Th>Note</Table.Th>
              <Table.Th>
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {resources.map((resource) => {
              const editId = `charter-resource-${resource.id}-edit`;
              return (
                <Table.Tr key={resource.id}>
                  <Table.Td>
                    {resource.link ? (
                      <Anchor href={resource.link} onClick={(event) => open(event, resource)} fw={600}>
                        {resource.title}
                        <ExternalLink size={12} aria-hidden style={{ marginLeft: 4 }} />
                        <span className="visually-hidden"> (opens in your browser)</span>
                      </Anchor>
                    ) : (
                      <Text fw={600}>{resource.title}</Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant={personKinds.has(resource.kind) ? 'outline' : 'light'}>
                      {kindLabels[resource.kind]}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={prose}>
                    <Text size="sm">{resource.note}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        id={editId}
                        size="compact-sm"
                        variant="subtle"
                        leftSection={<Pencil size={14} aria-hidden />}
                        aria-label={`Edit resource ${resource.title}`}
                        onClick={() => editor.open({ kind: 'resource', resourceId: resource.id }, editId)}
                        disabled={readOnly || editing !== null}
                      >
                        Edit
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        leftSection={<Trash2 size={14} aria-hidden />}
                        aria-label={`Remove resource ${resource.title}`}
                        onClick={() => remove(resource)}
                        disabled={readOnly || editing !== null}
                      >
                        Remove
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </CharterSection>
  );
}
