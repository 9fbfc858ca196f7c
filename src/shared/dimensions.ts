/** The physical dimensions a document uses, each with the internal unit kernels compute in. */

/** A named physical dimension with its internal unit (the unit kernels compute in). */
export interface Dimension {
  readonly name: string;
  /** Unit string the internal value is expressed in, e.g. "mV". */
  readonly internal: string;
  /** Example shown in error messages. */
  readonly example: string;
}

export const DIMENSIONS = {
  time: { name: 'time', internal: 'ms', example: '5 ms' },
  voltage: { name: 'voltage', internal: 'mV', example: '-65 mV' },
  current: { name: 'current', internal: 'nA', example: '0.5 nA' },
  conductance: { name: 'conductance', internal: 'uS', example: '6 nS' },
  resistance: { name: 'resistance', internal: 'Mohm', example: '10 MOhm' },
  capacitance: { name: 'capacitance', internal: 'nF', example: '0.2 nF' },
  rate: { name: 'rate', internal: 'Hz', example: '10 Hz' },
  dimensionless: { name: 'dimensionless', internal: '', example: '0.5' },
} as const satisfies Record<string, Dimension>;

export type DimensionName = keyof typeof DIMENSIONS;
