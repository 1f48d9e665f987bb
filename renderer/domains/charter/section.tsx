/**
 * The parts every charter section is made of: a card with its heading and header buttons,
 * an inline form (Save/Cancel, Escape cancels, the first field focused, nothing written
 * unless every rule holds), read-only fields with a hint when empty, and the editing state
 * that gives focus back to the button that opened a form once it closes.
 */
import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Pencil, TriangleAlert } from 'lucide-react';
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { describeError } from '@shared/errors';
import { FormActions } from '../../components/form-parts';

/** The id of a section's heading, e.g. `charter-metrics-heading`. */
export function sectionHeadingId(id: string): string {
  return `charter-${id}-heading`;
}

export interface CharterSectionProps {
  /** A short id, unique on the page: "responsibility", "metrics"… */
  id: string;
  title: string;
  /** One sentence on what the section holds and why (the framework's words). */
  description: ReactNode;
  /** Buttons at the right of the heading, e.g. "Edit". */
  actions?: ReactNode;
  children: ReactNode;
}

/** One section of the charter: a card with a level-two heading. */
export function CharterSection({ id, title, description, actions, children }: CharterSectionProps) {
  const headingId = sectionHeadingId(id);
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
          <Stack gap={2}>
            <Title order={2} size="h3" id={headingId}>
              {title}
            </Title>
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          </Stack>
          {actions ? (
            <Group gap="xs" wrap="nowrap">
              {actions}
            </Group>
          ) : null}
        </Group>
        {children}
      </Stack>
    </Card>
  );
}

/** The "Edit" button of a section; its accessible name says what it edits ("Edit responsibility"). */
export function EditButton({
  id,
  label,
  onClick,
  disabled,
}: {
  id: string;
  label: string;
  onClick: () => void;
  disabled: boolean;
}) {
  return (
    <Button
      id={id}
      variant="default"
      size="sm"
      leftSection={<Pencil size={14} aria-hidden />}
      aria-label={label}
      onClick={onClick}
      disabled={disabled}
    >
      Edit
    </Button>
  );
}

/**
 * What is being edited in a section (`true` for the section itself, or an item), with the
 * id of the button that opened it: when the form closes, focus goes back to that button.
 */
export function useInlineEditor<T>() {
  const [target, setTarget] = useState<T | null>(null);
  const returnFocusTo = useRef<string | null>(null);
  useEffect(() => {
    if (target !== null || returnFocusTo.current === null) return;
    document.getElementById(returnFocusTo.current)?.focus();
    returnFocusTo.current = null;
  }, [target]);
  const open = useCallback((next: T, openerId: string) => {
    returnFocusTo.current = openerId;
    setTarget(next);
  }, []);
  const close = useCallback(() => setTarget(null), []);
  return { target, open, close };
}

/** Runs one write, keeping its error for the form to show; returns whether it succeeded. */
export function useWriteFailure() {
  const [failure, setFailure] = useState<string | null>(null);
  const attempt = useCallback((write: () => void): boolean => {
    try {
      write();
      setFailure(null);
      return true;
    } catch (error) {
      setFailure(describeError(error));
      return false;
    }
  }, []);
  return { failure, attempt };
}

export interface InlineFormProps {
  /** The form's accessible name, e.g. "Edit responsibility". */
  label: string;
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  onCancel: () => void;
  /** The write's error, shown above the buttons; nothing was saved. */
  failure: string | null;
  submitLabel?: string;
  children: ReactNode;
}

/** An inline form: the first field gets focus, Escape cancels, Save and Cancel at the foot. */
export function InlineForm({ label, onSubmit, onCancel, failure, submitLabel = 'Save', children }: InlineFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input:not([type=hidden]), textarea, select')?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    // An open dropdown closes first; the next Escape cancels.
    if (event.target instanceof HTMLElement && event.target.getAttribute('aria-expanded') === 'true') return;
    event.preventDefault();
    onCancel();
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate aria-label={label}>
      <Stack gap="md">
        {children}
        {failure ? (
          <Alert color="red" icon={<TriangleAlert size={18} aria-hidden />} title="Nothing was saved" role="alert">
            {failure}
          </Alert>
        ) : null}
        <FormActions onCancel={onCancel} submitLabel={submitLabel} />
      </Stack>
    </form>
  );
}

/** One field of a read view: its label, then its text, or a hint saying what to write. */
export function ReadField({ label, value, hint }: { label: string; value: string; hint: string }) {
  const empty = value.trim() === '';
  return (
    <div>
      <Text component="dt" fw={600} size="sm">
        {label}
      </Text>
      <Text component="dd" m={0} c={empty ? 'dimmed' : undefined} fs={empty ? 'italic' : undefined} style={prose}>
        {empty ? hint : value}
      </Text>
    </div>
  );
}

/** Keeps a person's line breaks in text they wrote. */
export const prose = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

/** A definition list of ReadFields. */
export function ReadFields({ children }: { children: ReactNode }) {
  return (
    <Stack component="dl" gap="md" m={0}>
      {children}
    </Stack>
  );
}
