/**
 * Seeded workloads shared by the benchmarks and the sync tests: the same input in every run.
 */
import type { WorkspaceRepository } from '../../renderer/data/repository';

/** A seeded linear congruential generator in [0, 1): every run draws the same numbers. */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

const statuses = ['draft', 'seeking-advice', 'deciding-together', 'decided', 'implemented', 'reviewed'] as const;
const words =
  'team budget hiring vendor roadmap pricing onboarding support release process tooling security review customer'.split(
    ' ',
  );

/**
 * 20 domains, then `count` decisions with the fields people fill in for most decisions (12
 * set, the rest left at their defaults), made one at a time through the repository as
 * people would have. `now` is read for each decision's proposal time. Seeded: the same
 * workspace in every run.
 */
export function addRealisticDecisions(repository: WorkspaceRepository, count: number, now: () => number): void {
  const random = seeded(42);
  const sentence = (length: number) =>
    Array.from({ length }, () => words[Math.floor(random() * words.length)]).join(' ');
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const domains = Array.from({ length: 20 }, (_, index) =>
    repository.create('domains', { name: `Domain ${index + 1}`, level: 'team', parentId: null, purpose: sentence(12) }),
  );
  for (let index = 0; index < count; index += 1) {
    const status = pick(statuses);
    const decided = status === 'decided' || status === 'implemented' || status === 'reviewed';
    const time = now();
    repository.create('decisions', {
      title: `${sentence(5)} ${index}`,
      domainId: pick(domains).id,
      status,
      context: sentence(30),
      rationale: sentence(15),
      tags: [pick(words), pick(words)],
      cost: Math.round(random() * 20_000),
      crossDomain: pick(['none', 'limited', 'major'] as const),
      horizon: pick(['short', 'medium', 'long'] as const),
      reversibility: pick(['reversible', 'partial', 'hard'] as const),
      proposedAt: time,
      decidedAt: decided ? time + 3_600_000 : null,
    });
  }
}
