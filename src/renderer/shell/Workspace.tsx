/**
 * The editor's window: palette | (canvas over run dock) | inspector, with visible splitters that
 * the keyboard moves (react-resizable-panels: focusable separators, arrow keys, aria-valuenow).
 * Presentation mode puts the canvas and the plots side by side; "plots maximised" hides the rest.
 * Panel sizes are remembered in localStorage per layout, never in the document.
 */
import type { ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import { Canvas } from '../canvas/Canvas';
import { Palette } from '../palette/Palette';
import { Inspector } from '../inspector/Inspector';
import { RunDock } from '../run/RunDock';
import { panelShown, useWorkspace } from './workspaceStore';
import { LessonPanel } from '../lessons/LessonPanel';
import { useLessons } from '../lessons/lessonStore';
import { TrainingDock } from '../training/TrainingDock';

/** Where panel sizes are kept; absent (a test in Node) means not kept. */
const STORAGE = typeof localStorage === 'undefined' ? undefined : localStorage;

function Splitter({ label, id }: { label: string; id: string }) {
  return <Separator className="splitter" id={id} aria-label={label} title={`${label} (drag, or focus and use the arrow keys)`} />;
}

/** Palette and inspector beside the centre; their pixel widths hold when the window resizes. */
function EditorLayout({ palette, inspector, lesson }: { palette: boolean; inspector: boolean; lesson: boolean }) {
  const ids = [lesson && 'ws-lesson', palette && 'ws-palette', 'ws-center', inspector && 'ws-inspector'].filter((x): x is string => !!x);
  const outer = useDefaultLayout({ id: 'snn-layout-sides', panelIds: ids, ...(STORAGE ? { storage: STORAGE } : {}) });
  const inner = useDefaultLayout({ id: 'snn-layout-center', ...(STORAGE ? { storage: STORAGE } : {}) });
  return (
    <Group orientation="horizontal" id="ws-sides" defaultLayout={outer.defaultLayout} onLayoutChanged={outer.onLayoutChanged}>
      {lesson && <LessonSide id="ws-lesson" size={{ default: 330, min: 240, max: 620 }} />}
      {palette && <PaletteSide id="ws-palette" size={{ default: 190, min: 150, max: 380 }} />}
      <Panel id="ws-center" key="center" minSize={320} className="panel-fill">
        <Group orientation="vertical" id="ws-center-group" defaultLayout={inner.defaultLayout} onLayoutChanged={inner.onLayoutChanged}>
          <Panel id="ws-canvas" defaultSize="48%" minSize={90} className="panel-fill">
            <Canvas />
          </Panel>
          <Splitter id="splitter-dock" label="Resize the canvas and the plots" />
          <Panel id="ws-dock" defaultSize="52%" minSize={170} className="panel-fill">
            <TrainingDock><RunDock /></TrainingDock>
          </Panel>
        </Group>
      </Panel>
      {inspector && <InspectorSide id="ws-inspector" size={{ default: 300, min: 230, max: 560 }} />}
    </Group>
  );
}

/** For a projector: the network on the left, its plots on the right, both large. */
function PresentationLayout({ palette, inspector, lesson }: { palette: boolean; inspector: boolean; lesson: boolean }) {
  const ids = [lesson && 'pr-lesson', palette && 'pr-palette', 'pr-canvas', 'pr-dock', inspector && 'pr-inspector'].filter((x): x is string => !!x);
  const saved = useDefaultLayout({ id: 'snn-layout-presentation', panelIds: ids, ...(STORAGE ? { storage: STORAGE } : {}) });
  return (
    <Group orientation="horizontal" id="pr-group" defaultLayout={saved.defaultLayout} onLayoutChanged={saved.onLayoutChanged}>
      {lesson && <LessonSide id="pr-lesson" size={{ default: '28%', min: 240, max: 620 }} />}
      {palette && <PaletteSide id="pr-palette" size={{ default: 260, min: 180, max: 420 }} />}
      <Panel id="pr-canvas" key="canvas" defaultSize={lesson ? '30%' : '48%'} minSize={160} className="panel-fill">
        <Canvas />
      </Panel>
      <Splitter key="dock-splitter" id="splitter-dock" label="Resize the canvas and the plots" />
      <Panel id="pr-dock" key="dock" defaultSize={lesson ? '42%' : '52%'} minSize={360} className="panel-fill">
        <TrainingDock><RunDock /></TrainingDock>
      </Panel>
      {inspector && <InspectorSide id="pr-inspector" size={{ default: 380, min: 260, max: 640 }} />}
    </Group>
  );
}

/** A side panel's sizes: default (px or a percentage of the window), least and most (px). */
interface SideSize {
  readonly default: number | string;
  readonly min: number;
  readonly max: number;
}

/**
 * A panel beside the centre with its splitter on the centre's side; its pixel width holds when
 * the window resizes. Both layouts place the lesson, palette and inspector through it.
 */
function Side({ id, what, size, at, children }: { id: string; what: 'lesson' | 'palette' | 'inspector'; size: SideSize; at: 'left' | 'right'; children: ReactNode }) {
  const splitter = <Splitter key={`${what}-splitter`} id={`splitter-${what}`} label={`Resize the ${what}`} />;
  return (
    <>
      {at === 'right' && splitter}
      <Panel id={id} key={what} defaultSize={size.default} minSize={size.min} maxSize={size.max} groupResizeBehavior="preserve-pixel-size" className="panel-fill">
        {children}
      </Panel>
      {at === 'left' && splitter}
    </>
  );
}

/** The open lesson, left of everything (it is what the class reads first). */
function LessonSide({ id, size }: { id: string; size: SideSize }) {
  return <Side id={id} what="lesson" size={size} at="left"><LessonPanel /></Side>;
}

function PaletteSide({ id, size }: { id: string; size: SideSize }) {
  return <Side id={id} what="palette" size={size} at="left"><Palette /></Side>;
}

function InspectorSide({ id, size }: { id: string; size: SideSize }) {
  return <Side id={id} what="inspector" size={size} at="right"><Inspector /></Side>;
}

export function Workspace() {
  const presentation = useWorkspace((s) => s.presentation);
  const plotsMax = useWorkspace((s) => s.plotsMax);
  // With the plots maximised only the dock shows; the canvas stays mounted (hidden) so its view is kept.
  const showPalette = useWorkspace((s) => panelShown(s, 'palette'));
  const showInspector = useWorkspace((s) => panelShown(s, 'inspector'));
  const lesson = useLessons((s) => s.open !== null) && !plotsMax;
  return (
    <div className="workspace" data-testid="workspace" data-plots-max={plotsMax ? 'yes' : 'no'} data-layout={presentation ? 'presentation' : 'editor'}>
      {presentation ? (
        <PresentationLayout key="presentation" palette={showPalette} inspector={showInspector} lesson={lesson} />
      ) : (
        <EditorLayout key="editor" palette={showPalette} inspector={showInspector} lesson={lesson} />
      )}
    </div>
  );
}
