// The design as a live diagram (xyflow): nodes placed by the auto-layout, or where the user put them (kept
// in the design), edges labelled with shapes. Drag a node to move it (arrow keys when selected), drag from
// a node's output handle to another node to connect them (or press C on one node, then Enter on the
// other), Delete removes what is selected, palette layers drop onto nodes, edges and the canvas (see
// BuilderPanel). Every edit goes through the store, so Undo and Redo cover them all.
import { useDroppable } from '@dnd-kit/core';
import {
  Background,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  useNodesInitialized,
  useReactFlow,
  type Connection,
  type NodeChange,
  type EdgeChange,
  type OnBeforeDelete,
  type AriaLabelConfig,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INPUT_ID, type NodePosition } from '../../../network/spec';
import { useSize } from '../../shell/useSize';
import { useStore } from '../../store/store';
import { DIAGRAM_ID } from '../dnd';
import { useAnalysis } from '../useAnalysis';
import './diagram.css';
import { commitEdit } from './commit-edit';
import { connect, disconnect, nodeName } from './edits';
import { InputNode } from './InputNode';
import { HighlightContext, LayerNode } from './LayerNode';
import { autoLayout, diagramGraph, placeNodes, type Direction } from './layout';
import { diagramEdges, diagramNodes, type DiagramNode, type ShapeFlowEdge } from './node-data';
import { ShapeEdge } from './ShapeEdge';
import { useRevealError } from './useRevealError';
import { LiveProvider } from './useLiveActivations';

const nodeTypes = { layer: LayerNode, input: InputNode };
const edgeTypes = { shape: ShapeEdge };
/** Below this width (px) the diagram runs top to bottom. */
const NARROW = 560;
/** Room kept around the laid-out network, in pixels of the view: routes run up to half a rank gap
 *  outside the nodes. */
const PADDING = 40;

/** xyflow's own words (its keyboard help and the zoom buttons) in the page's language. */
function useAriaLabels(): Partial<AriaLabelConfig> {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      'node.a11yDescription.default': t('diagram.nodeHelp'),
      'node.a11yDescription.keyboardDisabled': t('diagram.nodeHelpNoKeyboard'),
      'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) =>
        t('diagram.moved', {
          direction: t(`diagram.direction.${direction}`, { defaultValue: direction }),
          x,
          y,
        }),
      'edge.a11yDescription.default': t('diagram.edgeHelp'),
      'controls.ariaLabel': t('diagram.controls'),
      'controls.zoomIn.ariaLabel': t('diagram.zoomIn'),
      'controls.zoomOut.ariaLabel': t('diagram.zoomOut'),
      'controls.fitView.ariaLabel': t('diagram.fitView'),
    }),
    [t],
  );
}

function DiagramFlow() {
  const { t } = useTranslation();
  const ariaLabelConfig = useAriaLabels();
  const spec = useStore((s) => s.spec);
  const analysis = useAnalysis();
  const selectedLayer = useStore((s) => s.selectedLayerId);
  const selectedEdge = useStore((s) => s.selectedEdge);
  const connectFrom = useStore((s) => s.connectFrom);
  const presentation = useStore((s) => s.presentation);
  const [setBox, size] = useSize();
  const { setNodeRef } = useDroppable({ id: DIAGRAM_ID, data: { type: 'canvas' } });
  const { fitView, getViewport, setViewport } = useReactFlow();
  const box = useRef<HTMLDivElement | null>(null);
  const initialized = useNodesInitialized();
  const [highlight, setHighlight] = useState<{ hovered: string | null; focused: string | null }>({
    hovered: null,
    focused: null,
  });

  const direction: Direction = size.width > 0 && size.width < NARROW ? 'TB' : 'LR';
  // A large screen shows the network larger than life, presentation mode larger still.
  const maxZoom = presentation ? 2 : 1.5;
  const graph = useMemo(() => diagramGraph(spec), [spec]);
  const viewWidth = Math.max(1, size.width - 2 * PADDING);
  const viewHeight = Math.max(1, size.height - 2 * PADDING);
  const auto = useMemo(
    () =>
      spec.layout ? null : autoLayout(graph, { width: viewWidth, height: viewHeight }, direction, maxZoom),
    [graph, viewWidth, viewHeight, direction, maxZoom, spec.layout],
  );
  const positions = useMemo(
    () => auto?.positions ?? placeNodes(graph, spec.layout ?? {}, direction),
    [auto, graph, spec.layout, direction],
  );
  const derived = useMemo(
    () => diagramNodes(spec, analysis, graph, positions, direction, selectedLayer),
    // The analysis is one per language, so the nodes' words follow a language change.
    [spec, analysis, graph, positions, direction, selectedLayer],
  );
  const edges = useMemo(
    () => diagramEdges(spec, analysis, graph, auto, direction, selectedEdge),
    [spec, analysis, graph, auto, direction, selectedEdge],
  );
  // The nodes as derived, with positions moved by a drag in progress on top (derived state, reset when the
  // design or layout changes).
  const [state, setState] = useState({ base: derived, nodes: derived as DiagramNode[] });
  let nodes = state.nodes;
  if (state.base !== derived) {
    nodes = derived;
    setState({ base: derived, nodes: derived });
  }

  // Fit the network into view when its nodes, the room or the layout mode change (not on parameter edits).
  const fitKey = `${graph.ids.join()}|${Math.round(size.width)}x${Math.round(size.height)}|${direction}|${Boolean(spec.layout)}|${maxZoom}`;
  // Once per key: nodes measured again (a selection redraws them) must not undo the user's pan or zoom.
  const fitted = useRef('');
  useEffect(() => {
    if (!initialized || size.width === 0 || fitted.current === fitKey) return;
    fitted.current = fitKey;
    void fitView({ padding: `${PADDING}px`, maxZoom });
  }, [fitKey, initialized, fitView, maxZoom, size.width]);
  useRevealError(nodes, size, fitKey, initialized);

  // The inspector opens over the diagram's right side: a layer selected under it slides out to its left.
  useEffect(() => {
    if (!selectedLayer) return;
    const frame = requestAnimationFrame(() => {
      const el = box.current;
      const inspector = el?.closest('.builder')?.querySelector('.inspector');
      const node = el?.querySelector(`.react-flow__node[data-id="${CSS.escape(selectedLayer)}"]`);
      if (!el || !inspector || !node) return;
      const cover = inspector.getBoundingClientRect().left - 16;
      const { left, right } = node.getBoundingClientRect();
      // Never so far that the node leaves on the left.
      const shift = Math.min(right - cover, left - el.getBoundingClientRect().left - 16);
      const { x, y, zoom } = getViewport();
      if (right > cover && shift > 0) void setViewport({ x: x - shift, y, zoom }, { duration: 200 });
    });
    return () => cancelAnimationFrame(frame);
  }, [selectedLayer, getViewport, setViewport]);

  /** Keeps every node where it is now, with `moved` where the user put them: the layout becomes manual. */
  const pin = useCallback(
    (moved: Record<string, NodePosition>, mergeKey?: string) => {
      const layout: Record<string, NodePosition> = {};
      graph.ids.forEach((id, n) => {
        const p = moved[id] ?? positions[n];
        layout[id] = { x: Math.round(p.x), y: Math.round(p.y) };
      });
      useStore.getState().editSpec({ ...spec, layout }, mergeKey);
    },
    [graph, positions, spec],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<DiagramNode>[]) => {
      const s = useStore.getState();
      const settled: Record<string, NodePosition> = {};
      for (const change of changes) {
        if (change.type === 'select' && change.id !== INPUT_ID) {
          if (change.selected) s.selectLayer(change.id);
          else if (s.selectedLayerId === change.id) s.selectLayer(null);
        }
        // Arrow keys move a selected node without a drag: each nudge is kept, a burst as one undo step.
        if (change.type === 'position' && change.position && !change.dragging)
          settled[change.id] = change.position;
      }
      setState((st) => ({
        ...st,
        nodes: st.nodes.map((node) => {
          const change = changes.find((c) => c.type === 'position' && c.id === node.id);
          return change?.type === 'position' && change.position
            ? { ...node, position: change.position }
            : node;
        }),
      }));
      if (Object.keys(settled).length > 0) pin(settled, 'layout');
    },
    [pin],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<ShapeFlowEdge>[]) => {
    const s = useStore.getState();
    for (const change of changes) {
      if (change.type !== 'select') continue;
      const edge = useStore.getState().selectedEdge;
      const [source, rest] = change.id.split('->');
      const [target, slot] = rest.split(':');
      const ref = { source, target, slot: Number(slot) };
      if (change.selected) s.selectEdge(ref);
      else if (edge && edge.source === ref.source && edge.target === ref.target && edge.slot === ref.slot)
        s.selectEdge(null);
    }
  }, []);

  const shapeOf = useCallback(
    (id: string) =>
      id === INPUT_ID
        ? [...spec.input.shape]
        : (analysis.layers.find((l) => l.id === id)?.outputShape ?? null),
    [spec, analysis],
  );
  const link = useCallback(
    (source: string, target: string) =>
      commitEdit(connect(useStore.getState().spec, source, target, shapeOf)),
    [shapeOf],
  );
  const onConnect = useCallback((c: Connection) => link(c.source, c.target), [link]);

  // Deleting goes through the store (removing a layer rewires its readers); xyflow removes nothing itself.
  const onBeforeDelete: OnBeforeDelete<DiagramNode, ShapeFlowEdge> = useCallback(
    async ({ nodes: gone, edges: cut }) => {
      const s = useStore.getState();
      const layers = gone.filter((n) => n.id !== INPUT_ID).map((n) => n.id);
      if (layers.length > 0) for (const id of layers) s.removeLayer(id);
      else {
        for (const edge of cut)
          commitEdit(disconnect(useStore.getState().spec, edge.target, edge.data?.slot ?? 0));
        s.selectEdge(null);
      }
      return false;
    },
    [],
  );

  // C on a focused node starts a connection; Enter (or C) on another finishes it; Escape cancels.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const id = (e.target as Element).closest<HTMLElement>('.react-flow__node')?.dataset.id;
    const s = useStore.getState();
    if (e.key === 'Escape' && s.connectFrom) {
      s.setConnectFrom(null);
      return;
    }
    if (!id || e.ctrlKey || e.metaKey || e.altKey) return;
    if (s.connectFrom && s.connectFrom !== id && (e.key === 'Enter' || e.key.toLowerCase() === 'c')) {
      const from = s.connectFrom;
      s.setConnectFrom(null);
      link(from, id);
      e.preventDefault();
    } else if (e.key.toLowerCase() === 'c') {
      s.setConnectFrom(id);
      e.preventDefault();
    }
  };

  const container = useCallback(
    (el: HTMLDivElement | null) => {
      box.current = el;
      setBox(el);
      setNodeRef(el);
    },
    [setBox, setNodeRef],
  );
  const shown = highlight.focused ?? highlight.hovered;
  return (
    <div
      ref={container}
      className="diagram"
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        const id = (e.target as Element).closest<HTMLElement>('.react-flow__node')?.dataset.id ?? null;
        setHighlight((h) => ({ ...h, focused: id }));
      }}
      onBlur={() => setHighlight((h) => ({ ...h, focused: null }))}
    >
      <LiveProvider active>
        <HighlightContext.Provider value={shown}>
          <ReactFlow<DiagramNode, ShapeFlowEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onNodeDragStop={(_, node) => pin({ [node.id]: node.position })}
            onConnect={onConnect}
            isValidConnection={(c) => c.source !== c.target && c.target !== INPUT_ID}
            onBeforeDelete={onBeforeDelete}
            deleteKeyCode={['Delete', 'Backspace']}
            onNodeMouseEnter={(_, node) => setHighlight((h) => ({ ...h, hovered: node.id }))}
            onNodeMouseLeave={() => setHighlight((h) => ({ ...h, hovered: null }))}
            onNodeClick={(_, node) => {
              const from = useStore.getState().connectFrom;
              if (from && from !== node.id) {
                useStore.getState().setConnectFrom(null);
                link(from, node.id);
              }
            }}
            onPaneClick={() => {
              useStore.getState().selectLayer(null);
              useStore.getState().selectEdge(null);
            }}
            minZoom={0.2}
            maxZoom={2.5}
            ariaLabelConfig={ariaLabelConfig}
            multiSelectionKeyCode={null}
            selectionKeyCode={null}
            // xyflow claims (prevents) the keys it watches page-wide: Space trains or pauses, Ctrl+Z undoes.
            panActivationKeyCode={null}
            zoomActivationKeyCode={null}
            nodesFocusable
            edgesFocusable
            aria-label={t('diagram.networkDiagram')}
          >
            <Background gap={24} size={1} />
            <Controls showInteractive={false} position="bottom-left" />
          </ReactFlow>
        </HighlightContext.Provider>
      </LiveProvider>
      {connectFrom && (
        <p className="diagram-banner" role="status">
          {t('diagram.connecting', { name: nodeName(spec, connectFrom) })}
        </p>
      )}
    </div>
  );
}

export function Diagram() {
  return (
    <ReactFlowProvider>
      <DiagramFlow />
    </ReactFlowProvider>
  );
}
