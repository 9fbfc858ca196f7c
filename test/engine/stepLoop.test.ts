/**
 * The typed backend's per-step loop runs the phases of STEP_SCHEDULE (src/engine/schedule.ts) in
 * the schedule's order: a network of stand-ins, each noting when the loop reaches it, shows the
 * order of work in a step. The fused WebAssembly driver's order is fixed in its code; it is held
 * to the same order by test/engine/fused.test.ts (bit-identical to this loop), so a reorder of
 * the schedule alone fails there.
 */
import { describe, expect, it } from 'vitest';
import { STEP_SCHEDULE, type SchedulePhase } from '../../src/engine/schedule';
import { runSteps, type StepNetwork, TYPED_PHASES, TYPED_STEP_ORDER } from '../../src/engine/backends/typed/stepLoop';

/** A one-population network whose parts log the phase that reached them, step by step. */
function tracingNetwork(log: string[]): StepNetwork {
  const note = (what: string) => () => void log.push(what);
  const pop = {
    id: 'P', size: 1, spikes: new Int32Array([0]), spikeCount: 1,
    kernel: { update: () => (log.push('neurons:update'), 1) },
    drive: { iext: new Float64Array(1), groups: [], current: null },
    groups: [],
    inputs: [{ id: 'in', kernel: { timeVarying: true, add: note('synapses:inputs'), setParam: () => {} } }],
    inputsVary: true, inputsDirty: true,
  };
  // Propagation into a pre-aligned receptor only marks arrivals: the write is what we log.
  const arrivals = new Proxy(new Uint8Array(2), {
    set(target, key, value) {
      log.push('propagate:arrival');
      return Reflect.set(target, key, value);
    },
  });
  const group = { arrivals, slots: 1, nPre: 1, delayed: new Float64Array(0), advance: note('synapses:advance') };
  const proj = { ir: { delaySteps: 0 }, pre: pop, post: pop, group, stdp: { update: note('monitors:stdp') }, weights: new Float64Array(1), csr: { col: new Int32Array(1) } };
  const recorder = { record: note('monitors:record') };
  return {
    pops: [pop], projs: [proj], stepped: [group], deltaGroups: [], jumped: [], plastic: [proj],
    earlyRecs: [{ record: note('synapses:g monitor') }], spikeRecs: [recorder], countRecs: [], stateRecs: [],
  } as unknown as StepNetwork;
}

describe('the typed per-step loop follows STEP_SCHEDULE', () => {
  it('runs every phase it has work for, in the order the schedule declares, every step', () => {
    const log: string[] = [];
    runSteps(tracingNetwork(log), 0, 2);
    const phases = log.map((entry) => entry.split(':')[0]);
    const perStep = phases.length / 2;
    expect(phases.slice(0, perStep)).toEqual(phases.slice(perStep));
    const order = phases.slice(0, perStep).filter((p, k, all) => k === 0 || all[k - 1] !== p);
    expect(order).toEqual(TYPED_STEP_ORDER);
    // Each phase of the schedule is either run by the loop or documented as done inside another.
    const ran = new Set(order);
    const inside = STEP_SCHEDULE.filter((p) => TYPED_PHASES[p] === null);
    expect([...ran, ...inside].sort()).toEqual([...STEP_SCHEDULE].sort());
    // Ranks in the schedule rise along the log: nothing runs before a phase that precedes it.
    const rank = (p: string): number => STEP_SCHEDULE.indexOf(p as SchedulePhase);
    for (let k = 1; k < perStep; k++) expect(rank(phases[k])).toBeGreaterThanOrEqual(rank(phases[k - 1]));
    expect(log.slice(0, perStep)).toEqual([
      'propagate:arrival', 'synapses:inputs', 'synapses:advance', 'synapses:g monitor', 'neurons:update', 'monitors:stdp', 'monitors:record',
    ]);
  });
});
