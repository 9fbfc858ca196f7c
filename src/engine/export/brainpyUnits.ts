/** brainunit spelling of each internal unit (and of 1/mV and plain numbers) in BrainPy scripts. */
export const U = { mV: 'u.mV', ms: 'u.ms', nA: 'u.nA', uS: 'u.uS', Mohm: 'u.Mohm', Hz: 'u.Hz', nF: 'u.nF', perMV: '(1 / u.mV)', one: '1' } as const;
export type Unit = keyof typeof U;
