/**
 * Keeps a failing plot to itself: what failed is shown in the plot's place with a Redraw button
 * (which mounts the plot afresh), and the rest of the app goes on. The plots panel as a whole
 * sits behind one too.
 */
import { Component, Fragment, type ErrorInfo, type ReactNode } from 'react';

export interface PlotBoundaryProps {
  /** Test id suffix and log name, e.g. "raster". */
  readonly name: string;
  /** What the user calls it, e.g. "spike raster". */
  readonly label: string;
  readonly children: ReactNode;
}

interface PlotBoundaryState {
  readonly error: Error | null;
  /** Bumped by Redraw: the children mount again with a new key. */
  readonly attempt: number;
}

export class PlotBoundary extends Component<PlotBoundaryProps, PlotBoundaryState> {
  override state: PlotBoundaryState = { error: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<PlotBoundaryState> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn(`The ${this.props.label} failed and was replaced by a Redraw button:`, error, info.componentStack);
  }

  private readonly redraw = (): void => {
    this.setState((s) => ({ error: null, attempt: s.attempt + 1 }));
  };

  override render(): ReactNode {
    const { error, attempt } = this.state;
    const { name, label, children } = this.props;
    if (!error) return <Fragment key={attempt}>{children}</Fragment>;
    return (
      <div className="plot plot-failed" role="alert" data-testid={`plot-failed-${name}`} style={{ padding: '10px 14px' }}>
        <p>
          <strong>The {label} could not be drawn.</strong> The rest of the app is unaffected; your document and results are unchanged.
        </p>
        <p className="plot-failed-reason"><code>{error.message || error.name}</code></p>
        <button type="button" onClick={this.redraw} data-testid={`redraw-${name}`}>Redraw</button>
      </div>
    );
  }
}
