/**
 * The bundled output models (how a synapse's variable g becomes current into its target neuron),
 * each written once as a spec: parameters with units, the inputs `g` (the synapse's variable, in
 * the weight's unit) and `V` (the target's membrane potential at the start of the step), and the
 * current `I = … : nA`. Everything else (catalogue entry, kernels, exports) is derived in
 * outputs/compile.ts from these texts. Defaults and behaviour follow brainpy.state synouts.py.
 */

/** An output model's spec text and what its catalogue entry adds to it. */
export interface OutputSpecSource {
  readonly name: string;
  readonly title: string;
  /** One paragraph a student understands. */
  readonly doc: string;
  /** One line saying what a projection's weight means under this output. */
  readonly weightDoc: string;
  /** LaTeX shown instead of the one derived from the current (CUBA: its scale lives in build). */
  readonly equations?: string;
  readonly preset?: Readonly<Record<string, string | number>>;
  readonly source: string;
}

export const CUBA: OutputSpecSource = {
  name: 'CUBA',
  title: 'Current-based output',
  doc: 'The synaptic variable is a current: I = g · scale. With scale 1 the weight is a current (e.g. "0.5 nA"); with scale "1 mV" it is a conductance.',
  weightDoc: 'Current added per spike (CUBA), e.g. "0.5 nA".',
  // The optional scale is folded into the weight by build (weight · scale must be a current), so the spec sees g as a current.
  equations: String.raw`I = g \cdot \mathrm{scale}`,
  preset: {},
  source: `output CUBA
input g : nA  # The synapse's variable: a current (CUBA's scale already folded into the weight).
I = g : nA  # Current into the neuron.
`,
};

export const COBA: OutputSpecSource = {
  name: 'COBA',
  title: 'Conductance-based output',
  doc: 'The synaptic variable is a conductance that pulls V towards the reversal potential E: I = g (E - V). Weights are conductances (e.g. "6 nS").',
  weightDoc: 'Conductance added per spike (COBA), e.g. "6 nS".',
  preset: { E: '0 mV' },
  source: `output COBA
param E = 0 mV  # Reversal potential (0 mV excitatory, -80 mV inhibitory).
input g : uS  # The synapse's variable: a conductance.
input V : mV  # Membrane potential of the target neuron.
I = g * (E - V) : nA  # Current into the neuron.
`,
};

export const MgBlock: OutputSpecSource = {
  name: 'MgBlock',
  title: 'Magnesium block (NMDA)',
  doc: 'Like COBA, but magnesium blocks the channel at hyperpolarised V: the current is divided by 1 + cc_Mg/beta·exp(alpha·(V_offset − V)). Near rest most of the conductance is blocked; depolarisation unblocks it.',
  weightDoc: 'Conductance added per spike (MgBlock), e.g. "6 nS".',
  preset: { E: '0 mV' },
  // alpha, beta and cc_Mg are plain numbers (per mV, mM, mM) as in BrainPy's MgBlock, hence the "/ mV".
  source: `output MgBlock
param E = 0 mV  # Reversal potential.
param cc_Mg = 1.2 (nonnegative)  # Extracellular magnesium concentration, mM.
param alpha = 0.062  # Steepness of the voltage dependence, per mV.
param beta = 3.57 (positive)  # Magnesium concentration (mM) that halves the conductance at V = V_offset.
param V_offset = 0 mV  # Voltage offset of the block.
input g : uS  # The synapse's variable: a conductance before the block.
input V : mV  # Membrane potential of the target neuron.
I = g * (E - V) / (1 + cc_Mg / beta * exp(alpha * (V_offset - V) / mV)) : nA  # Current into the neuron.
`,
};

/** Every bundled output model, in palette order. */
export const OUTPUT_SPECS: readonly OutputSpecSource[] = [CUBA, COBA, MgBlock];
