/** The spec language: what parses into which tree, and every refusal with its message and position. */
import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../src/shared/modelspec/check';
import { parseExpression, parseSpec } from '../../src/shared/modelspec/parser';

const LIF = `model LIF
param V_rest = -65 mV   # Resting potential.
param V_th = -50 mV
param V_reset = -65 mV
param tau = 10 ms
param R = 10 Mohm
input I : nA
dV/dt = (-(V - V_rest) + R*I) / tau : mV (exact)
init V = V_rest
threshold V >= V_th
reset V = V_reset
`;

/** The one error of `source`, as "line:column message". */
function oneError(source: string): string {
  const r = compileSpec(source);
  if (r.ok) throw new Error('expected an error');
  return r.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n');
}

describe('parser', () => {
  it('parses a LIF spec into a tree with positions', () => {
    const r = parseSpec(LIF);
    expect(r.ok).toBe(true);
    const eq = r.ast.equations[0];
    expect(eq.state).toBe('V');
    expect(eq.scheme).toBe('exact');
    expect(eq.pos).toEqual({ line: 8, column: 1 });
    // (-(V - V_rest) + R*I) / tau: the division is the root, at the "/" (column 31)
    expect(eq.rhs).toMatchObject({ kind: 'binary', op: '/', pos: { line: 8, column: 31 } });
    expect(r.ast.params[0]).toMatchObject({ name: 'V_rest', doc: 'Resting potential.', pos: { line: 2, column: 7 } });
    expect(r.ast.threshold?.condition).toMatchObject({ kind: 'binary', op: '>=' });
  });

  it('reads a parameter\'s bounds and keeps its default as written', () => {
    const r = parseSpec(LIF.replace('param R = 10 Mohm', 'param R = 10 Mohm (positive)').replace('param tau = 10 ms', 'param tau = 10 ms (nonnegative)'));
    expect(r.ok).toBe(true);
    expect(r.ast.params.find((p) => p.name === 'R')).toMatchObject({ flags: ['positive'], defaultText: '10 Mohm' });
    expect(r.ast.params.find((p) => p.name === 'tau')).toMatchObject({ flags: ['nonnegative'], defaultText: '10 ms' });
    expect(r.ast.params.find((p) => p.name === 'V_th')?.flags).toBeUndefined();
    expect(oneError(LIF.replace('param R = 10 Mohm', 'param R = 10 Mohm (big)'))).toBe('6:20 Unknown flag "big"; a parameter takes "positive", "nonnegative", "weight" or "max = value".');
    expect(oneError(LIF.replace('param R = 10 Mohm', 'param R = 10 Mohm (positive, nonnegative)'))).toBe('6:42 A parameter is either positive or nonnegative, not both.');
    expect(oneError(LIF.replace('param R = 10 Mohm', 'param R = -10 Mohm (positive)'))).toBe('6:7 The default of "R" must be greater than 0: it is declared (positive).');
  });

  it('reads operator precedence and associativity the usual way', () => {
    const show = (t: string): string => {
      const r = parseExpression(t);
      if (!r.ok) throw new Error(r.error.message);
      const f = (e: typeof r.expr): string =>
        e.kind === 'number' ? String(e.value) : e.kind === 'name' || e.kind === 'unit' ? e.name
          : e.kind === 'unary' ? `(${e.op} ${f(e.arg)})` : e.kind === 'call' ? `${e.fn}(${e.args.map(f).join(',')})` : `(${f(e.left)} ${e.op} ${f(e.right)})`;
      return f(r.expr);
    };
    expect(show('a - b - c')).toBe('((a - b) - c)');
    expect(show('a / b * c')).toBe('((a / b) * c)');
    expect(show('-a ** 2')).toBe('(- (a ** 2))');
    expect(show('a ** b ** c')).toBe('(a ** (b ** c))');
    expect(show('2 ** -1')).toBe('(2 ** (- 1))');
    expect(show('140 mV / ms')).toBe('((140 * mV) / ms)');
    expect(show('V >= V_th and not x < 1 or y > 2')).toBe('(((V >= V_th) and (not (x < 1))) or (y > 2))');
    expect(show('exp(-(V - V_T)/delta_T)')).toBe('exp(((- (V - V_T)) / delta_T))');
  });

  it('gives syntax errors with line and column', () => {
    expect(oneError('dV/dt = (1 - V / tau : mV (exact)')).toBe('1:22 Expected ")" to close the "(" at column 9, found ":".');
    expect(oneError('param x = 5 $')).toBe('1:13 "$" is not allowed here; expressions use names, numbers, units and + - * / ** ( ).');
    expect(oneError('dV/dt = -V/tau : mV')).toMatch(/^1:20 Name the integration scheme/);
    expect(oneError('dV/dt = -V/tau : mV (magic)')).toMatch(/^1:22 Unknown flag "magic"/);
    expect(oneError('param a = 1 mV\nthreshold a >= 1 mV >= 2 mV')).toBe('2:21 Chained comparisons are not allowed; join two comparisons with "and".');
    expect(oneError('dV/dt = foo(V) : mV (euler)')).toMatch(/^1:9 "foo" is not a function; the functions are exp, log/);
    expect(oneError('dV/dt = exp(V, V) : mV (euler)')).toBe('1:9 exp takes 1 argument, not 2.');
    expect(oneError('+ = 3')).toMatch(/^1:1 A line starts with a keyword/);
  });

  it('lists every error of a text at once, in line order', () => {
    const r = compileSpec('param a = 1 mV\nparam b = (2 mV\ndV/dt = a + 1 nA : mV (euler)\nthreshold V > )');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.line)).toEqual([2, 4]);
  });
});

describe('dimension checks', () => {
  it('refuses mV + nA at the "+" naming the dimension of each side', () => {
    expect(oneError('param a = 1 mV\ninput I : nA\ndV/dt = (a + I) / (1 ms) : mV (euler)')).toBe(
      '3:12 Cannot add voltage (left of "+") and current (right of "+"); both sides need the same dimension.',
    );
  });

  it('needs a derivative with the dimension of its state per time', () => {
    expect(oneError(LIF.replace('R*I) / tau', 'R*I)'))).toBe('8:10 The right-hand side of dV/dt is voltage, but V is voltage, so it must be voltage per time.');
    expect(oneError(LIF.replace('R*I', 'I'))).toBe('8:24 Cannot add voltage (left of "+") and current (right of "+"); both sides need the same dimension.');
  });

  it('checks thresholds, resets, refractory periods, initial values and bounds', () => {
    expect(oneError(LIF.replace('threshold V >= V_th', 'threshold V >= tau'))).toBe(
      '10:13 Cannot compare voltage (left of ">=") and time (right of ">="); both sides need the same dimension.',
    );
    expect(oneError(LIF.replace('threshold V >= V_th', 'threshold V'))).toBe('10:11 The threshold must be a comparison such as "V >= V_th".');
    expect(oneError(LIF.replace('reset V = V_reset', 'reset V = tau'))).toBe('11:11 "V = …" needs voltage on the right, not time.');
    expect(oneError(LIF.replace('reset V = V_reset', 'reset W = V_reset'))).toBe('11:7 "W" is not a state variable (it has no equation "dW/dt = …"). Did you mean "V"?');
    expect(oneError(`${LIF}refractory V_th\n`)).toBe('12:12 The refractory period must be a time, not voltage.');
    expect(oneError(LIF.replace('init V = V_rest', 'init V = R'))).toBe('9:10 The initial value of V is resistance, but V is voltage.');
    expect(oneError(LIF.replace('(exact)', '(euler, max = tau)'))).toBe('8:56 The bound max = … of V is time, but V is voltage.');
  });

  it('checks functions and powers', () => {
    expect(oneError('param a = 1 mV\ndV/dt = exp(a) * mV/ms : mV (euler)')).toBe('2:13 exp needs a dimensionless argument; this one is voltage (divide by a unit or a parameter).');
    expect(oneError('param a = 1 mV\ninput k : 1\ndV/dt = a ** k / ms : mV (euler)')).toBe('3:14 voltage can only be raised to a constant number.');
    expect(compileSpec('param a = 4 mV\ndV/dt = sqrt(a * V) / ms : mV (euler)').ok).toBe(true);
    expect(compileSpec('param a = 1 mV\ndV/dt = a ** 2 / ms / mV : mV (euler)').ok).toBe(true);
  });

  it('wants a unit, not a quantity, after ":"', () => {
    expect(oneError('dV/dt = -V/(1 ms) : 10 mV (exact)')).toBe('1:21 Expected a unit such as mV, nA, ms, mV/ms or 1 here, not a quantity or an expression.');
    expect(oneError('input I : nA + pA\ndV/dt = -V/(1 ms) : mV (exact)')).toBe('1:11 Expected a unit such as mV, nA, ms, mV/ms or 1 here, not a quantity or an expression.');
    expect(compileSpec('dx/dt = -x/(1 ms) : mV**2/ms*ms (exact)\ninput k : 1/ms').ok).toBe(true);
  });

  it('suggests the nearest declared names for an unknown one', () => {
    expect(oneError(LIF.replace('reset V = V_reset', 'reset V = V_rset'))).toBe('11:11 Unknown name "V_rset". Did you mean "V_reset" or "V_rest"?');
    expect(oneError(LIF.replace('/ tau', '/ Tau'))).toBe('8:33 Unknown name "Tau". Did you mean "tau"?');
    expect(oneError(LIF.replace('/ tau', '/ membrane_time'))).toMatch(/^8:33 Unknown name "membrane_time". Declared: V_rest, V_th, V_reset, tau, R, I, V, t\.$/);
  });

  it('refuses "exact" for an equation that is not linear in its state', () => {
    expect(oneError(LIF.replace('(-(V - V_rest)', '(-(V - V_rest)**2/mV'))).toBe('8:10 "exact" needs dV/dt to be linear in V; this one is not. Use exponential_euler or rk4.');
  });

  it('refuses double declarations, self-reference and numbers where units belong', () => {
    expect(oneError(`${LIF}param tau = 2 ms\n`)).toBe('12:7 "tau" is already declared as a parameter on line 5.');
    expect(oneError('x = 2 * x : 1\ndV/dt = x * mV/ms : mV (euler)')).toBe('1:9 "x" is defined in terms of itself.');
    expect(oneError('param tau = 5 tau_m\ndV/dt = -V/(1 ms) : mV (exact)')).toBe('1:15 "tau_m" is not a unit; a default value is a number with a unit such as "-65 mV" or "0.02 /ms".');
    expect(oneError('param tau = 5 ms\ndV/dt = -V/(5 tau) : mV (exact)')).toBe('2:15 "tau" after a number must be a unit such as mV, nA, ms, uS, Mohm or nF; write a product with "*".');
  });

  it('reads a lone one-letter unit as a name (a case slip), and as a unit after a number', () => {
    expect(oneError('param tau = 5 ms\ndv/dt = -V / tau : mV (exact)')).toBe('2:10 Unknown name "V". Did you mean "v"?');
    expect(compileSpec('param tau = 5 ms\ndv/dt = (0.001 V - v) / tau : mV (exact)').ok).toBe(true);
    expect(compileSpec('param tau = 5 ms\ndv/dt = (1 mV - v) / tau : mV (exact)\nthreshold v >= 0.01 V').ok).toBe(true);
  });

  it('never treats JavaScript property names as declared or as functions', () => {
    expect(oneError('dV/dt = constructor / ms : mV (euler)')).toMatch(/^1:9 Unknown name "constructor"/);
    expect(oneError('dV/dt = toString(V) / ms : mV (euler)')).toMatch(/^1:9 "toString" is not a function/);
    expect(oneError('dV/dt = __proto__ / ms : mV (euler)')).toMatch(/^1:9 Unknown name "__proto__"/);
  });
});
