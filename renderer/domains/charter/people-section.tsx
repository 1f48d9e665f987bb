/**
 * Owners and members of a domain. People are the workspace's `members`; a domain's `roles`
 * collection is keyed by member id. Adding someone new creates the member and their role
 * in ONE intent (`repository.transact`), so undo takes both away and a peer never sees a
 * role without its person.
 */
import { Badge, Button, Group, NativeSelect, Radio, Stack, Table, Text, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { UserMinus, UserPlus } from 'lucide-react';
import { describeError } from '@shared/errors';
import { compareByName } from '@shared/domains/order';
import { z } from 'zod';
import type { DomainRole, Entity } from '@shared/model/entities';
import { selectLive } from '../../data/document-store';
import { useDocument, useSession } from '../../workspaces/session-store';
import { CharterSection, InlineForm, useInlineEditor, useWriteFailure } from './section';

const NEW_PERSON = '__new__';

const roleLabels = { owner: 'Owner', member: 'Member' } as const;

interface PersonValues {
  personId: string;
  newName: string;
  role: DomainRole['role'];
}

/** A person as this domain lists them: their role and what is known of them. */
interface Person {
  role: DomainRole;
  name: string;
  /** Why the person cannot be found among the workspace's live members, if so. */
  status: 'live' | 'deleted' | 'missing';
}

function personSchema(liveMembers: readonly Entity<'members'>[]) {
  return z
    .object({ personId: z.string(), newName: z.string(), role: z.enum(['owner', 'member']) })
    .superRefine((values, context) => {
      if (values.personId === '') {
        context.addIssue({ code: 'custom', path: ['personId'], message: 'Choose a person.' });
        return;
      }
      if (values.personId !== NEW_PERSON) return;
      const name = values.newName.trim();
      const issue = (message: string) => context.addIssue({ code: 'custom', path: ['newName'], message });
      if (name === '') issue("Write the new person's name.");
      else if (name.length > 200) issue('Use at most 200 characters.');
      else {
        const existing = liveMembers.find((member) => member.name.trim().toLowerCase() === name.toLowerCase());
        if (existing) issue(`${existing.name} is already in the workspace: choose them under "Person".`);
      }
    });
}

function AddPersonForm({
  domain,
  available,
  liveMembers,
  onClose,
}: {
  domain: Entity<'domains'>;
  available: readonly Entity<'members'>[];
  liveMembers: readonly Entity<'members'>[];
  onClose: () => void;
}) {
  const repository = useSession((state) => state.session?.repository);
  const { failure, attempt } = useWriteFailure();
  const form = useForm<PersonValues>({
    mode: 'controlled',
    initialValues: { personId: available.length === 0 ? NEW_PERSON : '', newName: '', role: 'member' },
    validate: schemaResolver(personSchema(liveMembers), { sync: true }),
  });
  const submit = form.onSubmit((values) => {
    if (!repository) return;
    const added = attempt(() =>
      repository.transact(() => {
        const memberId =
          values.personId === NEW_PERSON
            ? repository.create('members', { name: values.newName, role: '' }).id
            : values.personId;
        repository.addToCollection('domains', domain.id, 'roles', { id: memberId, role: values.role });
      }),
    );
    if (added) onClose();
  });
  const options = [
    ...(available.length > 0 ? [{ value: '', label: 'Choose a person…', disabled: true }] : []),
    ...available.map((member) => ({ value: member.id, label: member.name })),
    { value: NEW_PERSON, label: 'Someone new…' },
  ];
  return (
    <InlineForm label="Add a person" onSubmit={submit} onCancel={onClose} failure={failure}>
      <NativeSelect
        label="Person"
        description="Someone already in this workspace, or someone new."
        required
        data={options}
        {...form.getInputProps('personId')}
      />
      {form.values.personId === NEW_PERSON ? (
        <TextInput
          label="Name of the new person"
          description="They are added to the workspace's people too."
          required
          maxLength={200}
          {...form.getInputProps('newName')}
        />
      ) : null}
      <Radio.Group
        label="Role"
        description="Owners answer for the domain's decisions and its charter."
        {...form.getInputProps('role')}
      >
        <Group gap="lg" mt={6}>
          <Radio value="owner" label="Owner" />
          <Radio value="member" label="Member" />
        </Group>
      </Radio.Group>
    </InlineForm>
  );
}

/** Owners and members of the domain, added from the workspace's people or created on the spot. */
export function PeopleSection({ domain, readOnly }: { domain: Entity<'domains'>; readOnly: boolean }) {
  const repository = useSession((state) => state.session?.repository);
  const liveMembers = useDocument((state) => selectLive(state, 'members'));
  const allMembers = useDocument((state) => state.entities.members);
  const editor = useInlineEditor<true>();
  const addId = 'charter-people-add';

  const people: Person[] = Object.values(domain.roles)
    .map((role): Person => {
      const member = allMembers.get(role.id);
      if (member === undefined) return { role, name: 'Unknown person', status: 'missing' };
      return { role, name: member.name, status: member.deletedAt === null ? 'live' : 'deleted' };
    })
    .sort(
      (a, b) =>
        (a.role.role === b.role.role ? 0 : a.role.role === 'owner' ? -1 : 1) ||
        compareByName({ name: a.name, id: a.role.id }, { name: b.name, id: b.role.id }),
    );
  const available = liveMembers.filter((member) => domain.roles[member.id] === undefined);

  const changeRole = (person: Person, role: string) => {
    if (!repository || (role !== 'owner' && role !== 'member')) return;
    try {
      repository.updateInCollection('domains', domain.id, 'roles', person.role.id, { role });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not change the role', message: describeError(error) });
    }
  };

  const remove = (person: Person) => {
    if (!repository) return;
    try {
      repository.removeFromCollection('domains', domain.id, 'roles', person.role.id);
      notifications.show({
        title: 'Removed from the domain',
        message: `${person.name} is no longer part of ${domain.name}. Ctrl+Z brings them back.`,
      });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not remove the person', message: describeError(error) });
    }
  };

  return (
    <CharterSection
      id="people"
      title="Owners and members"
      description="Who owns this domain and who works in it. Owners answer for its decisions and its charter."
      actions={
        editor.target === null ? (
          <Button
            id={addId}
            variant="default"
            size="sm"
            leftSection={<UserPlus size={14} aria-hidden />}
            onClick={() => editor.open(true, addId)}
            disabled={readOnly}
          >
            Add person
          </Button>
        ) : null
      }
    >
      {editor.target !== null ? (
        <AddPersonForm domain={domain} available={available} liveMembers={liveMembers} onClose={editor.close} />
      ) : null}
      {people.length === 0 ? (
        <Text c="dimmed" fs="italic">
          No owners or members yet. Add the person who owns this domain first: they answer for its decisions.
        </Text>
      ) : (
        <Table verticalSpacing="xs" aria-labelledby="charter-people-heading">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Person</Table.Th>
              <Table.Th w={180}>Role</Table.Th>
              <Table.Th w={60}>
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {people.map((person) => (
              <Table.Tr key={person.role.id}>
                <Table.Td>
                  <Stack gap={0}>
                    <Group gap="xs">
                      <Text fw={600}>{person.name}</Text>
                      {person.status === 'deleted' ? (
                        <Badge color="red" variant="filled">
                          In the trash
                        </Badge>
                      ) : null}
                      {person.status === 'missing' ? (
                        <Badge color="red" variant="filled">
                          Not in the workspace
                        </Badge>
                      ) : null}
                    </Group>
                    {person.status === 'live' && allMembers.get(person.role.id)?.role ? (
                      <Text size="sm" c="dimmed">
                        {allMembers.get(person.role.id)?.role}
                      </Text>
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    aria-label={`Role of ${person.name}`}
                    size="xs"
                    data={Object.entries(roleLabels).map(([value, label]) => ({ value, label }))}
                    value={person.role.role}
                    onChange={(event) => changeRole(person, event.currentTarget.value)}
                    disabled={readOnly}
                  />
                </Table.Td>
                <Table.Td ta="right">
                  <Button
                    variant="subtle"
                    color="red"
                    size="xs"
                    leftSection={<UserMinus size={14} aria-hidden />}
                    aria-label={`Remove ${person.name} from this domain`}
                    onClick={() => remove(person)}
                    disabled={readOnly}
                  >
                    Remove
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </CharterSection>
  );
}
