/**
 * The Ornstein–Uhlenbeck input as both backends step it (the other current inputs are specs,
 * src/shared/modelspec/inputs, evaluated by spec/inputCurrent.ts): which of its parameters may
 * differ per neuron and which are one number (with the value used when the IR has none), and its
 * step's coefficients. Step s sees the input at t = s·dt (BrainPy's environ t at the start of the
 * step). Each backend supplies only the arithmetic on its own arrays (typed/inputs.ts, tfjs/inputs.ts).
 */
import type { InputIR, ValueIR } from '../../ir';
import { scalarParam } from './params';

/** Parameters of an input model: current-valued ones per neuron (an F-I sweep in one population), times and frequencies one per input. */
export interface InputLayout {
  readonly perNeuron: readonly string[];
  /** Single-valued parameters and the value used when the IR gives none (internal units). */
  readonly single: Readonly<Record<string, number>>;
}

export const INPUT_LAYOUTS = {
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

/**
 * The Ornstein–Uhlenbeck step's coefficients: I <- μ + (I - μ) a + σ noise ξ with a = e^{-dt/τ}
 * and noise = sqrt(1 - a²), the exact discretisation, so the stationary standard deviation is σ
 * for any dt.
 */
export function ouCoefficients(dt: number, tau: number): { a: number; noise: number } {
  const a = Math.exp(-dt / tau);
  return { a, noise: Math.sqrt(1 - a * a) };
}
