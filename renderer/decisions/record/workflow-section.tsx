/**
 * A tier's workflow section on a decision's page (the advice process, deciding together): open
 * at its own tier; at other tiers collapsed behind "Show …", open from the start when it
 * already holds something. The body is only rendered while open.
 */
import { Button } from '@mantine/core';
import { useId, useState, type ReactNode } from 'react';
import { CharterSection } from '../../domains/charter/section';

export interface WorkflowSectionProps {
  id: string;
  title: string;
  /** Whether the decision is made at this workflow's tier. */
  active: boolean;
  /** Whether it already holds something (then it starts open at other tiers too). */
  hasContent: boolean;
  /** The description at its own tier, and at others. */
  description: { active: string; optional: string };
  /** What the toggle names: "advice" → "Show advice" / "Hide advice". */
  noun: string;
  /** Shown in the header at its own tier, where there is no toggle. */
  activeMark?: ReactNode;
  children: () => ReactNode;
}

/** The section. */
export function WorkflowSection({
  id,
  title,
  active,
  hasContent,
  description,
  noun,
  activeMark = null,
  children,
}: WorkflowSectionProps) {
  const [expanded, setExpanded] = useState(hasContent);
  const bodyId = useId();
  const open = active || expanded;
  return (
    <CharterSection
      id={id}
      title={title}
      description={active ? description.active : description.optional}
      actions={
        active ? (
          activeMark
        ) : (
          <Button
            variant="subtle"
            size="sm"
            aria-expanded={open}
            aria-controls={bodyId}
            onClick={() => setExpanded(!open)}
          >
            {open ? `Hide ${noun}` : `Show ${noun}`}
          </Button>
        )
      }
    >
      <div id={bodyId} hidden={!open}>
        {open ? children() : null}
      </div>
    </CharterSection>
  );
}
