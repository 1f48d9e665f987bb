/**
 * Where a domain's thresholds come from, in words: its own policy, a parent domain's (with a
 * link to it), the workspace's default or the built-in one. On its own (the domain page's
 * "Source:") it starts with a capital; `inline` reads inside a sentence (a decision's
 * "…; from the domain's own policy").
 */
import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import type { EffectivePolicy } from '@shared/domains/policy';
import { useDocument } from '../workspaces/session-store';

const standalone = {
  own: 'Set for this domain',
  inherited: 'Inherited from',
  workspace: 'Workspace default',
  default: 'Built-in default',
} as const;

const inlineWords = {
  own: "the domain's own policy",
  inherited: 'inherited from',
  workspace: 'the workspace default',
  default: 'the built-in default',
} as const;

/** The source of `policy`'s limits. */
export function PolicySource({ policy, inline = false }: { policy: EffectivePolicy; inline?: boolean }) {
  const domains = useDocument((state) => state.entities.domains);
  const words = inline ? inlineWords : standalone;
  if (policy.source.kind !== 'inherited') return <>{words[policy.source.kind]}</>;
  const from = policy.source.fromDomainId;
  return (
    <>
      {words.inherited}{' '}
      <Anchor component={Link} to={`/domains/${from}`}>
        {domains.get(from)?.name ?? 'a parent domain'}
      </Anchor>
    </>
  );
}
