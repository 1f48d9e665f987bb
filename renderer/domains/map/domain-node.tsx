/**
 * A domain's box on the dependency map: its name and level, a coloured strip for the level,
 * and a warning when one of its agreements points at a domain that is gone. The box's
 * wrapper (React Flow's) is the focusable link; the handles only anchor the lines.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { TriangleAlert } from 'lucide-react';
import { levelLabels, type DomainFlowNode, type HandleId } from './flow-elements';

const handles: readonly { id: HandleId; type: 'source' | 'target'; position: Position }[] = [
  { id: 'top-target', type: 'target', position: Position.Top },
  { id: 'top-source', type: 'source', position: Position.Top },
  { id: 'bottom-target', type: 'target', position: Position.Bottom },
  { id: 'bottom-source', type: 'source', position: Position.Bottom },
];

/** The node type React Flow draws for `type: 'domain'`. */
export function DomainNode({ data }: NodeProps<DomainFlowNode>) {
  return (
    <div className="domain-node" data-level={data.level} title={data.name}>
      {handles.map(({ id, type, position }) => (
        <Handle
          key={id}
          id={id}
          type={type}
          position={position}
          isConnectable={false}
          className="domain-node__handle"
        />
      ))}
      <div className="domain-node__name">{data.name}</div>
      <div className="domain-node__level">
        {levelLabels[data.level]}{' '}
        {data.brokenCount > 0 ? (
          <span className="domain-node__broken">
            <TriangleAlert size={12} aria-hidden />
            {data.brokenCount === 1 ? 'broken agreement' : `${data.brokenCount} broken agreements`}
          </span>
        ) : null}
      </div>
    </div>
  );
}
