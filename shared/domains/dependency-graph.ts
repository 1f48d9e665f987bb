/**
 * The map of dependencies between domains (framework.md § 2 "Dependencies": clearly mapped
 * interfaces, service agreements, communication protocols, escalation paths).
 *
 * A domain holds interface agreements with other domains. The graph's nodes are the live
 * domains; its edges are:
 * - `parent`: from a domain to each sub-domain shown under it (as in the domain tree);
 * - `agreement`: from the domain holding an agreement to the other domain, labelled with
 *   the service agreement (or, when that is empty, what is provided);
 * - `escalation`: from the holder to each domain on the agreement's escalation path (ids of
 *   domains, in order), labelled with the step number and the agreement.
 *
 * Peers may delete a domain while a colleague writes an agreement with it, so an agreement
 * can point at a domain in the trash or at an id no one knows. Such an agreement gets no
 * edge (every edge joins two nodes) but is listed in `brokenAgreements` with the reason,
 * never dropped silently. Likewise an escalation step at a domain that is gone is listed,
 * and the agreement's own edge is marked `broken` so the map shows the gap in its path.
 * Agreements held by domains in the trash are left out: their holder is gone.
 */
import { compareByName, compareIds } from './order';
import { placeDomains, type DomainLevel, type HierarchyDomain } from './hierarchy';

/** An interface agreement a domain holds with another domain. */
export interface InterfaceAgreement {
  id: string;
  otherDomainId: string;
  provides: string;
  expects: string;
  serviceAgreement: string;
  communication: string;
  /** Ids of the domains to escalate to, in order. */
  escalationPath: readonly string[];
}

/** What the dependency engines read of a domain. */
export interface GraphDomain extends HierarchyDomain {
  agreements?: Readonly<Record<string, InterfaceAgreement>>;
}

/** A node of the dependency map: a live domain. */
export interface GraphNode {
  id: string;
  name: string;
  level: DomainLevel;
  /** The parent it is shown under; null at the root. */
  parentId: string | null;
}

/** An edge between two live domains. */
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: 'agreement' | 'escalation' | 'parent';
  label: string;
  /** An escalation edge's step on its path, from 1; null for other edges. */
  step: number | null;
  /** An agreement whose escalation path reaches a domain that is gone. */
  broken: boolean;
}

/** An agreement that reaches a domain in the trash (`deleted`) or an unknown id (`missing`). */
export interface BrokenAgreement {
  /** The domain holding the agreement. */
  domainId: string;
  agreementId: string;
  otherDomainId: string;
  reason: 'deleted' | 'missing';
  /** Which field reaches the gone domain. */
  field: 'otherDomainId' | 'escalationPath';
  /** The gone domain: `otherDomainId`, or the escalation step. */
  brokenDomainId: string;
}

/** The dependency map of a workspace. */
export interface DependencyGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  brokenAgreements: BrokenAgreement[];
}

/** One step of an agreement's escalation path, resolved to a name. */
export interface EscalationStep {
  domainId: string;
  /** Null when no domain has this id. */
  name: string | null;
  live: boolean;
}

/** An agreement seen from one domain's page. */
export interface DependencyLink<A extends InterfaceAgreement = InterfaceAgreement> {
  agreement: A;
  /** The domain holding the agreement. */
  holderId: string;
  /** The domain at the other end from the page's point of view. */
  domainId: string;
  /** Its name; null when no domain has this id. */
  domainName: string | null;
  /** Whether either end is in the trash or unknown. */
  broken: boolean;
  escalation: EscalationStep[];
}

/** A domain's agreements: those it holds and those live domains hold with it. */
export interface DomainDependencies<A extends InterfaceAgreement = InterfaceAgreement> {
  outgoing: DependencyLink<A>[];
  incoming: DependencyLink<A>[];
}

type Gone = 'deleted' | 'missing' | null;

function goneReason(byId: ReadonlyMap<string, HierarchyDomain>, id: string): Gone {
  const domain = byId.get(id);
  return domain === undefined ? 'missing' : domain.deletedAt !== null ? 'deleted' : null;
}

function agreementsOf<A extends InterfaceAgreement>(domain: { agreements?: Readonly<Record<string, A>> }): A[] {
  return Object.values(domain.agreements ?? {}).sort((a, b) => compareIds(a.id, b.id));
}

/** The label of an agreement: its service agreement, else what is provided, else a plain word. */
export function agreementLabel(agreement: InterfaceAgreement): string {
  return agreement.serviceAgreement.trim() || agreement.provides.trim() || 'Agreement';
}

/**
 * The dependency map: live domains as nodes; parent, agreement and escalation edges
 * between them; agreements that reach a domain in the trash or an unknown id in
 * `brokenAgreements`. Nodes are sorted by name; parent edges come first, then each
 * holder's agreements (holders by name, agreements by id), each followed by its escalation edges.
 */
export function dependencyGraph(domains: readonly GraphDomain[]): DependencyGraph {
  const byId = new Map(domains.map((domain) => [domain.id, domain]));
  const placements = placeDomains(domains);
  const live = [...byId.values()].filter((domain) => domain.deletedAt === null).sort(compareByName);
  const nodes = live.map((domain) => ({
    id: domain.id,
    name: domain.name,
    level: domain.level,
    parentId: placements.get(domain.id)?.parentId ?? null,
  }));
  const edges: GraphEdge[] = [];
  const brokenAgreements: BrokenAgreement[] = [];

  for (const node of nodes) {
    if (node.parentId !== null) {
      edges.push({
        id: `parent:${node.id}`,
        source: node.parentId,
        target: node.id,
        kind: 'parent',
        label: 'contains',
        step: null,
        broken: false,
      });
    }
  }
  for (const holder of live) {
    for (const agreement of agreementsOf(holder)) {
      const broken = (reason: 'deleted' | 'missing', field: BrokenAgreement['field'], brokenDomainId: string): void => {
        brokenAgreements.push({
          domainId: holder.id,
          agreementId: agreement.id,
          otherDomainId: agreement.otherDomainId,
          reason,
          field,
          brokenDomainId,
        });
      };
      const otherGone = goneReason(byId, agreement.otherDomainId);
      if (otherGone !== null) {
        broken(otherGone, 'otherDomainId', agreement.otherDomainId);
        continue;
      }
      const label = agreementLabel(agreement);
      const escalationEdges: GraphEdge[] = [];
      let pathBroken = false;
      agreement.escalationPath.forEach((stepId, index) => {
        const stepGone = goneReason(byId, stepId);
        if (stepGone !== null) {
          pathBroken = true;
          broken(stepGone, 'escalationPath', stepId);
          return;
        }
        escalationEdges.push({
          id: `escalation:${holder.id}:${agreement.id}:${index}`,
          source: holder.id,
          target: stepId,
          kind: 'escalation',
          label: `Escalation step ${index + 1}: ${label}`,
          step: index + 1,
          broken: false,
        });
      });
      edges.push(
        {
          id: `agreement:${holder.id}:${agreement.id}`,
          source: holder.id,
          target: agreement.otherDomainId,
          kind: 'agreement',
          label,
          step: null,
          broken: pathBroken,
        },
        ...escalationEdges,
      );
    }
  }
  return { nodes, edges, brokenAgreements };
}

function escalationSteps(byId: ReadonlyMap<string, HierarchyDomain>, agreement: InterfaceAgreement): EscalationStep[] {
  return agreement.escalationPath.map((domainId) => {
    const domain = byId.get(domainId);
    return { domainId, name: domain?.name ?? null, live: domain !== undefined && domain.deletedAt === null };
  });
}

/**
 * A domain page's dependencies: `outgoing`, the agreements the domain holds; `incoming`,
 * the agreements live domains hold with it. Each names the domain at the other end and
 * says whether the link is broken (an end in the trash or unknown). Sorted by the other
 * domain's name, then agreement id.
 */
export function dependenciesOf<A extends InterfaceAgreement>(
  domains: readonly (HierarchyDomain & { agreements?: Readonly<Record<string, A>> })[],
  id: string,
): DomainDependencies<A> {
  const byId = new Map<string, HierarchyDomain>(domains.map((domain) => [domain.id, domain]));
  const self = domains.find((domain) => domain.id === id);
  const selfGone = self === undefined || self.deletedAt !== null;
  const sortLinks = (links: DependencyLink<A>[]): DependencyLink<A>[] =>
    links.sort(
      (a, b) =>
        compareByName({ name: a.domainName ?? '', id: a.domainId }, { name: b.domainName ?? '', id: b.domainId }) ||
        compareIds(a.agreement.id, b.agreement.id),
    );

  const outgoing = (self === undefined ? [] : agreementsOf(self)).map((agreement) => {
    const other = byId.get(agreement.otherDomainId);
    return {
      agreement,
      holderId: id,
      domainId: agreement.otherDomainId,
      domainName: other?.name ?? null,
      broken: selfGone || other === undefined || other.deletedAt !== null,
      escalation: escalationSteps(byId, agreement),
    };
  });
  const incoming = domains
    .filter((holder) => holder.id !== id && holder.deletedAt === null)
    .flatMap((holder) =>
      agreementsOf(holder)
        .filter((agreement) => agreement.otherDomainId === id)
        .map((agreement) => ({
          agreement,
          holderId: holder.id,
          domainId: holder.id,
          domainName: holder.name,
          broken: selfGone,
          escalation: escalationSteps(byId, agreement),
        })),
    );
  return { outgoing: sortLinks(outgoing), incoming: sortLinks(incoming) };
}
