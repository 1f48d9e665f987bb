/**
 * The charter's written parts (framework §2 "Clear boundaries"): the responsibility section
 * (explicit area of responsibility, purpose, objectives) and the guidelines section
 * (value-creation principles, quality standards, risk parameters, ethical considerations).
 * Both are text fields of the domain, saved with one `update`: one undo step.
 */
import { Textarea } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { z } from 'zod';
import type { Entity } from '@shared/model/entities';
import { useSession } from '../../workspaces/session-store';
import { proseField } from './form-fields';
import {
  CharterSection,
  EditButton,
  InlineForm,
  ReadField,
  ReadFields,
  useInlineEditor,
  useWriteFailure,
} from './section';

type ProseKey =
  'responsibility' | 'purpose' | 'objectives' | 'principles' | 'qualityStandards' | 'riskParameters' | 'ethics';

interface ProseFieldSpec {
  key: ProseKey;
  label: string;
  /** Under the field in the form. */
  description: string;
  /** Shown in the read view while the field is empty: what to write there. */
  hint: string;
  /** The message when the field is required and empty; optional fields have none. */
  required?: string;
}

interface ProseSectionSpec {
  id: string;
  title: string;
  description: string;
  editLabel: string;
  fields: readonly ProseFieldSpec[];
}

const responsibility: ProseSectionSpec = {
  id: 'responsibility',
  title: 'Responsibility',
  description: 'What this domain answers for, why it exists and what it wants to achieve.',
  editLabel: 'Edit responsibility',
  fields: [
    {
      key: 'responsibility',
      label: 'Area of responsibility',
      description: 'What this domain decides and delivers, and where its boundary with other domains lies.',
      hint: 'Not written yet. Say what this domain is responsible for and what it is not, so others know whom to ask.',
      required: 'Say what this domain is responsible for.',
    },
    {
      key: 'purpose',
      label: 'Purpose',
      description: 'Why the domain exists: the value it creates and for whom.',
      hint: 'Not written yet. Say why this domain exists and for whom it creates value.',
    },
    {
      key: 'objectives',
      label: 'Objectives',
      description: 'What the domain wants to achieve in the coming months.',
      hint: 'Not written yet. List the outcomes this domain is working towards.',
    },
  ],
};

const guidelines: ProseSectionSpec = {
  id: 'guidelines',
  title: 'Guidelines',
  description: 'The principles and limits people follow when they decide on their own.',
  editLabel: 'Edit guidelines',
  fields: [
    {
      key: 'principles',
      label: 'Value-creation principles',
      description: 'How this domain decides what is worth doing.',
      hint: 'Not written yet. Write the principles that guide what this domain works on, e.g. "users first".',
    },
    {
      key: 'qualityStandards',
      label: 'Quality standards',
      description: 'What "done well" means here.',
      hint: 'Not written yet. Write the standards work must meet before it ships.',
    },
    {
      key: 'riskParameters',
      label: 'Risk parameters',
      description: 'Which risks people may take on their own, and which need others.',
      hint: 'Not written yet. Write which risks are acceptable without asking, and which are not.',
    },
    {
      key: 'ethics',
      label: 'Ethical considerations',
      description: 'What this domain will not do, whatever the gain.',
      hint: 'Not written yet. Write the ethical lines that decisions here must respect.',
    },
  ],
};

function schemaFor(spec: ProseSectionSpec) {
  return z.object(
    Object.fromEntries(
      spec.fields.map((field) => [
        field.key,
        field.required === undefined
          ? proseField
          : proseField.refine((value) => value.trim() !== '', { message: field.required }),
      ]),
    ),
  );
}

const schemas = new Map([responsibility, guidelines].map((spec) => [spec.id, schemaFor(spec)]));

type ProseValues = Partial<Record<ProseKey, string>>;

function valuesOf(spec: ProseSectionSpec, domain: Entity<'domains'>): ProseValues {
  return Object.fromEntries(spec.fields.map((field) => [field.key, domain[field.key]]));
}

function ProseForm({
  spec,
  domain,
  onClose,
}: {
  spec: ProseSectionSpec;
  domain: Entity<'domains'>;
  onClose: () => void;
}) {
  const repository = useSession((state) => state.session?.repository);
  const { failure, attempt } = useWriteFailure();
  const form = useForm<ProseValues>({
    mode: 'controlled',
    initialValues: valuesOf(spec, domain),
    validate: schemaResolver(schemas.get(spec.id) ?? z.object({}), { sync: true }),
  });
  const submit = form.onSubmit((values) => {
    if (!repository) return;
    if (attempt(() => repository.update('domains', domain.id, values))) onClose();
  });
  return (
    <InlineForm label={spec.editLabel} onSubmit={submit} onCancel={onClose} failure={failure}>
      {spec.fields.map((field) => (
        <Textarea
          key={field.key}
          label={field.label}
          description={field.description}
          required={field.required !== undefined}
          autosize
          minRows={2}
          maxRows={12}
          {...form.getInputProps(field.key)}
        />
      ))}
    </InlineForm>
  );
}

function ProseSection({
  spec,
  domain,
  readOnly,
}: {
  spec: ProseSectionSpec;
  domain: Entity<'domains'>;
  readOnly: boolean;
}) {
  const editor = useInlineEditor<true>();
  const editId = `charter-${spec.id}-edit`;
  const editing = editor.target !== null;
  return (
    <CharterSection
      id={spec.id}
      title={spec.title}
      description={spec.description}
      actions={
        editing ? null : (
          <EditButton
            id={editId}
            label={spec.editLabel}
            onClick={() => editor.open(true, editId)}
            disabled={readOnly}
          />
        )
      }
    >
      {editing ? (
        <ProseForm spec={spec} domain={domain} onClose={editor.close} />
      ) : (
        <ReadFields>
          {spec.fields.map((field) => (
            <ReadField key={field.key} label={field.label} value={domain[field.key]} hint={field.hint} />
          ))}
        </ReadFields>
      )}
    </CharterSection>
  );
}

/** Responsibility: explicit area of responsibility, purpose, objectives. */
export function ResponsibilitySection(props: { domain: Entity<'domains'>; readOnly: boolean }) {
  return <ProseSection spec={responsibility} {...props} />;
}

/** Guidelines: value-creation principles, quality standards, risk parameters, ethics. */
export function GuidelinesSection(props: { domain: Entity<'domains'>; readOnly: boolean }) {
  return <ProseSection spec={guidelines} {...props} />;
}
