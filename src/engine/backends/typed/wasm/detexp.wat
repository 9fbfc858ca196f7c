;; A deterministic exp(x) (see src/engine/math/detExp.ts, which does the same operations in the
;; same order in JavaScript): Cody-Waite reduction x = k ln2 + r, a degree-13 Taylor polynomial
;; by Horner's rule, and the scaling by 2^k built from its bits. Only IEEE-754 double add, sub,
;; mul and floor (no fused multiply-add), so WebAssembly and JavaScript give the same bits.
;; Constants are hexadecimal floats: the exact doubles the JavaScript module uses.
(module
  ;; 2^k for -1022 <= k <= 1023, from its exponent bits (exact)
  (func $pow2 (param $k i32) (result f64)
    (f64.reinterpret_i64 (i64.shl (i64.extend_i32_s (i32.add (local.get $k) (i32.const 1023))) (i64.const 52))))

  (func $exp (export "exp") (param $x f64) (result f64)
    (local $k f64) (local $r f64) (local $p f64) (local $ki i32)
    ;; NaN and x > MAX_ARG: NaN stays NaN, the rest overflows to Infinity
    (if (i32.eqz (f64.le (local.get $x) (f64.const 0x1.62e42fefa39efp+9)))
      (then (return (select (local.get $x) (f64.const inf) (f64.ne (local.get $x) (local.get $x))))))
    (if (f64.lt (local.get $x) (f64.const -0x1.74910d52d3051p+9))
      (then (return (f64.const 0))))
    (local.set $k (f64.floor (f64.add (f64.mul (local.get $x) (f64.const 0x1.71547652b82fep+0)) (f64.const 0.5))))
    (local.set $r
      (f64.sub
        (f64.sub (local.get $x) (f64.mul (local.get $k) (f64.const 0x1.62e42fee00000p-1)))
        (f64.mul (local.get $k) (f64.const 0x1.a39ef35793c76p-33))))
    (local.set $p (f64.const 0x1.6124613a86d09p-33))  ;; 1/13!
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0x1.1eed8eff8d898p-29)))  ;; 1/12!
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0x1.ae64567f544e4p-26)))  ;; 1/11!
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0x1.27e4fb7789f5cp-22)))  ;; 1/10!
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0x1.71de3a556c734p-19)))  ;; 1/9!
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0x1.a01a01a01a01ap-16)))  ;; 1/8!
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0x1.a01a01a01a01ap-13)))  ;; 1/7!
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0x1.6c16c16c16c17p-10)))  ;; 1/6!
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0x1.1111111111111p-7)))  ;; 1/5!
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0x1.5555555555555p-5)))  ;; 1/4!
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0x1.5555555555555p-3)))  ;; 1/3!
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0x1.0000000000000p-1)))  ;; 1/2!
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 1)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 1)))
    (local.set $ki (i32.trunc_f64_s (local.get $k)))
    ;; 2^k in two factors when k leaves the normal range (near overflow, and subnormal results)
    (if (i32.gt_s (local.get $ki) (i32.const 1023))
      (then (return (f64.mul (f64.mul (local.get $p) (call $pow2 (i32.const 1023))) (call $pow2 (i32.sub (local.get $ki) (i32.const 1023)))))))
    (if (i32.lt_s (local.get $ki) (i32.const -1022))
      (then (return (f64.mul (f64.mul (local.get $p) (call $pow2 (i32.add (local.get $ki) (i32.const 1000)))) (call $pow2 (i32.const -1000))))))
    (f64.mul (local.get $p) (call $pow2 (local.get $ki))))
)
