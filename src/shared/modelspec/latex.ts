/**
 * LaTeX of a checked spec for the inspector's KaTeX: each equation, named expression, threshold
 * and reset printed from the syntax tree, so what the inspector shows is what the kernels step.
 */
import type { Assignment, Expr } from './ast';
import type { NeuronSpec } from './check';

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'pi',
  'rho', 'sigma', 'tau', 'phi', 'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Phi', 'Psi', 'Omega',
]);

const word = (w: string): string => (GREEK.has(w) ? `\\${w}` : w.length > 1 ? `\\mathrm{${w}}` : w);

/** `V_rest` -> `V_{\mathrm{rest}}`, `tau_w` -> `\tau_{w}`, `g_Ca` -> `g_{\mathrm{Ca}}`, `V_th_inf` -> `V_{\mathrm{th},\mathrm{inf}}`. */
export function latexName(name: string): string {
  const [head, ...sub] = name.split('_').filter((x) => x !== '');
  if (head === undefined) return '\\_';
  const base = GREEK.has(head) ? `\\${head}` : head.length > 1 && sub.length > 0 ? `\\mathrm{${head}}` : head;
  return sub.length > 0 ? `${base}_{${sub.map(word).join(',')}}` : base;
}

const UNIT = (u: string): string => `\\mathrm{${u.replace(/^u/, '\\mu ').replace(/ohm$/i, '\\Omega')}}`;

/** Binding strength of an operator (higher binds tighter). */
function precedence(e: Expr): number {
  if (e.kind === 'binary') {
    switch (e.op) {
      case 'or': return 1;
      case 'and': return 2;
      case '<': case '<=': case '>': case '>=': case '==': case '!=': return 3;
      case '+': case '-': return 4;
      case '*': return 5;
      case '/': return 7; // a fraction is its own group
      case '**': return 8;
    }
  }
  if (e.kind === 'unary') return e.op === '-' ? 6 : 2;
  return 9;
}

const paren = (s: string): string => `\\left(${s}\\right)`;

const COMPARE: Readonly<Record<string, string>> = { '<': '<', '<=': '\\le', '>': '>', '>=': '\\ge', '==': '=', '!=': '\\ne', and: '\\land', or: '\\lor' };

const FN: Readonly<Record<string, string>> = { log: '\\log', sin: '\\sin', cos: '\\cos', tanh: '\\tanh', min: '\\min', max: '\\max', exprel: '\\operatorname{exprel}' };

/** LaTeX of an expression. */
export function latexExpr(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return formatNumber(e.value);
    case 'unit':
      return UNIT(e.name);
    case 'name':
      return latexName(e.name);
    case 'unary': {
      const arg = latexExpr(e.arg);
      if (e.op === 'not') return `\\lnot ${precedence(e.arg) < 9 ? paren(arg) : arg}`;
      return `-${precedence(e.arg) <= 4 ? paren(arg) : arg}`;
    }
    case 'call': {
      const args = e.args.map(latexExpr);
      if (e.fn === 'exp') return `e^{${args[0]}}`;
      if (e.fn === 'sqrt') return `\\sqrt{${args[0]}}`;
      if (e.fn === 'abs') return `\\left|${args[0]}\\right|`;
      return `${FN[e.fn] ?? `\\operatorname{${e.fn}}`}${paren(args.join(', '))}`;
    }
    case 'binary': {
      const p = precedence(e);
      const side = (x: Expr, strict: boolean): string => {
        const s = latexExpr(x);
        return precedence(x) < p || (strict && precedence(x) === p) ? paren(s) : s;
      };
      switch (e.op) {
        case '/':
          return `\\frac{${latexExpr(e.left)}}{${latexExpr(e.right)}}`;
        case '**': {
          const base = latexExpr(e.left);
          return `${precedence(e.left) < 9 || e.left.kind === 'call' ? paren(base) : base}^{${latexExpr(e.right)}}`;
        }
        case '*': {
          const r = side(e.right, false);
          return `${side(e.left, false)}${/^[\d-]/.test(r) ? ' \\cdot ' : '\\,'}${r}`;
        }
        case '+':
          return `${side(e.left, false)} + ${side(e.right, false)}`;
        case '-':
          return `${side(e.left, false)} - ${side(e.right, true)}`;
        default:
          return `${side(e.left, false)} ${COMPARE[e.op]} ${side(e.right, true)}`;
      }
    }
  }
}

function formatNumber(x: number): string {
  const s = String(x);
  const m = /^(-?[\d.]+)e([+-]?\d+)$/.exec(s);
  return m ? `${m[1]} \\times 10^{${Number(m[2])}}` : s;
}

function latexAssignment(a: Assignment): string {
  const target = latexName(a.target);
  const value = latexExpr(a.value);
  if (a.op === '=') return `${target} \\leftarrow ${value}`;
  const op = a.op[0];
  const wrapped = op === '+' || op === '*' ? value : precedence(a.value) <= 4 ? paren(value) : value;
  if (op === '/') return `${target} \\leftarrow \\frac{${target}}{${value}}`;
  return `${target} \\leftarrow ${target} ${op === '*' ? '\\,' : op} ${wrapped}`;
}

/** The whole model as one `aligned` block: equations, named expressions, threshold and reset, refractoriness. */
export function specLatex(spec: NeuronSpec): string {
  const lines: string[] = [];
  for (const s of spec.states) lines.push(`\\frac{d${latexName(s.name)}}{dt} &= ${latexExpr(s.rhs)}`);
  for (const [name, sub] of spec.subexpressions) lines.push(`${latexName(name)} &= ${latexExpr(sub.value)}`);
  if (spec.threshold) {
    const rising = spec.threshold.rising ? '\\ \\text{(rising)}' : '';
    lines.push(`\\text{spike: } & ${latexExpr(spec.threshold.condition)}${rising}`);
    // One reset statement per row, so a long reset stays inside the inspector's width.
    let first = true;
    for (const r of spec.resets) {
      for (const st of r.statements) {
        const when = r.when ? `\\ \\text{(${r.when.choice} = ${r.when.option})}` : '';
        lines.push(`${first ? '\\text{reset: } ' : ''}& ${latexAssignment(st)}${when}`);
        first = false;
      }
    }
  }
  if (spec.refractory) lines.push(`\\text{refractory: } & t - t_{\\mathrm{spike}} < ${latexExpr(spec.refractory)}`);
  if (spec.synapse) {
    spec.synapse.onPre.forEach((st, k) => lines.push(`${k === 0 ? '\\text{on a spike: } ' : ''}& ${latexAssignment(st)}`));
    lines.push(`\\text{output: } & ${latexExpr(spec.synapse.output)}`);
  }
  return `\\begin{aligned}${lines.join('\\\\ ')}\\end{aligned}`;
}
