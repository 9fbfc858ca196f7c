/**
 * The editor's window: palette | (canvas over run dock) | inspector, with visible splitters that
 * the keyboard moves (react-resizable-panels: focusable separators, arrow keys, aria-valuenow).
 * Presentation mode puts the canvas and the plots side by side; "plots maximised" hides the rest.
 * Panel sizes are remembered in localStorage per layout, never in the document.
 */
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
      {lesson && <LessonSide id="ws-lesson" size={330} />}
      {palette && (
        <Panel id="ws-palette" key="palette" defaultSize={190} minSize={150} maxSize={380} groupResizeBehavior="preserve-pixel-size" className="panel-fill">
          <Palette />
        </Panel>
      )}
      {palette && <Splitter key="palette-splitter" id="splitter-palette" label="Resize the palette" />}
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
      {inspector && <Splitter key="inspector-splitter" id="splitter-inspector" label="Resize the inspector" />}
      {inspector && (
        <Panel id="ws-inspector" key="inspector" defaultSize={300} minSize={230} maxSize={560} groupResizeBehavior="preserve-pixel-size" className="panel-fill">
          <Inspector />
        </Panel>
      )}
    </Group>
  );
}

/** For a projector: the network on the left, its plots on the right, both large. */
function PresentationLayout({ palette, inspector, lesson }: { palette: boolean; inspector: boolean; lesson: boolean }) {
  const ids = [lesson && 'pr-lesson', palette && 'pr-palette', 'pr-canvas', 'pr-dock', inspector && 'pr-inspector'].filter((x): x is string => !!x);
  const saved = useDefaultLayout({ id: 'snn-layout-presentation', panelIds: ids, ...(STORAGE ? { storage: STORAGE } : {}) });
  return (
    <Group orientation="horizontal" id="pr-group" defaultLayout={saved.defaultLayout} onLayoutChanged={saved.onLayoutChanged}>
      {lesson && <LessonSide id="pr-lesson" size="28%" />}
      {palette && (
        <Panel id="pr-palette" key="palette" defaultSize={260} minSize={180} maxSize={420} groupResizeBehavior="preserve-pixel-size" className="panel-fill">
          <Palette />
        </Panel>
      )}
      {palette && <Splitter key="palette-splitter" id="splitter-palette" label="Resize the palette" />}
      <Panel id="pr-canvas" key="canvas" defaultSize={lesson ? '30%' : '48%'} minSize={160} className="panel-fill">
        <Canvas />
      </Panel>
      <Splitter key="dock-splitter" id="splitter-dock" label="Resize the canvas and the plots" />
      <Panel id="pr-dock" key="dock" defaultSize={lesson ? '42%' : '52%'} minSize={360} className="panel-fill">
        <TrainingDock><RunDock /></TrainingDock>
      </Panel>
      {inspector && <Splitter key="inspector-splitter" id="splitter-inspector" label="Resize the inspector" />}
      {inspector && (
        <Panel id="pr-inspector" key="inspector" defaultSize={380} minSize={260} maxSize={640} groupResizeBehavior="preserve-pixel-size" className="panel-fill">
          <Inspector />
        </Panel>
      )}
    </Group>
  );
}

/** The open lesson, left of everything (it is what the class reads first). */
function LessonSide({ id, size }: { id: string; size: number | string }) {
  return (
    <>
      <Panel id={id} key="lesson" defaultSize={size} minSize={240} maxSize={620} groupResizeBehavior="preserve-pixel-size" className="panel-fill">
        <LessonPanel />
      </Panel>
      <Splitter key="lesson-splitter" id="splitter-lesson" label="Resize the lesson" />
    </>
  );
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
