/**
 * Current inputs as both backends step them: which parameters of each input model may differ per
 * neuron and which are one number (with the value used when the IR has none), and the functions of
 * time they follow. Step s sees the input at t = s·dt (BrainPy's environ t at the start of the
 * step). Each backend supplies only the arithmetic on its own arrays (typed/inputs.ts, tfjs/inputs.ts).
 */
import { hzTimesMs } from '../../../shared/units';
import type { InputIR, ValueIR } from '../../ir';
import { scalarParam } from './params';

/** Parameters of an input model: current-valued ones per neuron (an F-I sweep in one population), times and frequencies one per input. */
export interface InputLayout {
  readonly perNeuron: readonly string[];
  /** Single-valued parameters and the value used when the IR gives none (internal units). */
  readonly single: Readonly<Record<string, number>>;
}

export const INPUT_LAYOUTS = {
  constant: { perNeuron: ['amplitude'], single: {} },
  step: { perNeuron: ['amplitude'], single: { start: 0, stop: Infinity } },
  ramp: { perNeuron: ['from', 'to'], single: { start: 0, stop: 100 } },
  sinusoid: { perNeuron: ['amplitude', 'offset'], single: { frequency: 10, phase: 0 } },
  ou: { perNeuron: ['mean', 'sigma'], single: { tau: 10 } },
} as const satisfies Readonly<Record<string, InputLayout>>;

export type InputModel = keyof typeof INPUT_LAYOUTS;

/**
 * The parameters of one input on one population, resolved and re-resolved on a live change:
 * per-neuron ones by the backend's `resolve` (arrays or tensors; `owner` keys their random
 * stream), single ones as numbers.
 */
export class InputParams<T> {
  readonly perNeuron = new Map<string, T>();
  readonly scalars: Record<string, number> = {};
  private readonly owner: string;

  constructor(
    private readonly input: InputIR,
    popId: string,
    private readonly layout: InputLayout,
    private readonly resolve: (value: ValueIR, owner: string, name: string, previous: T | undefined) => T,
  ) {
    this.owner = `${input.id}@${popId}`;
    for (const name of layout.perNeuron) this.set(name, input.params[name] ?? { kind: 'scalar', value: 0 });
    for (const [name, fallback] of Object.entries(layout.single)) this.scalars[name] = scalarParam(input.params[name], fallback, input.id, name);
  }

  /** A per-neuron parameter as resolved. */
  get(name: string): T {
    return this.perNeuron.get(name) as T;
  }

  set(name: string, value: ValueIR): void {
    if (this.layout.perNeuron.includes(name)) this.perNeuron.set(name, this.resolve(value, this.owner, name, this.perNeuron.get(name)));
    else if (name in this.layout.single) this.scalars[name] = scalarParam(value, 0, this.input.id, name);
    else throw new Error(`Input "${this.input.id}" (${this.input.model}) has no parameter "${name}".`);
  }
}

/** Whether a step input is on at time t (ms): start <= t < stop. */
export function stepIsOn(t: number, scalars: Readonly<Record<string, number>>): boolean {
  return t >= scalars.start && t < scalars.stop;
}

/** How far a ramp is from `from` (0) to `to` (1) at time t (ms): held at 0 before start and at 1 after stop. */
export function rampFraction(t: number, scalars: Readonly<Record<string, number>>): number {
  const { start, stop } = scalars;
  return t <= start ? 0 : t >= stop ? 1 : (t - start) / (stop - start);
}

/** sin(2π f t + phase) of a sinusoid input at time t (ms; f in Hz, phase in rad). */
export function sinusoidFactor(t: number, scalars: Readonly<Record<string, number>>): number {
  return Math.sin(hzTimesMs(2 * Math.PI * scalars.frequency, t) + scalars.phase);
}

/**
 * The Ornstein–Uhlenbeck step's coefficients: I <- μ + (I - μ) a + σ noise ξ with a = e^{-dt/τ}
 * and noise = sqrt(1 - a²), the exact discretisation, so the stationary standard deviation is σ
 * for any dt.
 */
export function ouCoefficients(dt: number, tau: number): { a: number; noise: number } {
  const a = Math.exp(-dt / tau);
  return { a, noise: Math.sqrt(1 - a * a) };
}
