;; The LIF/LIFRef fast loop of the typed backend (src/engine/backends/typed/neurons.ts,
;; LifKernel.updateFast) in WebAssembly with f64x2 SIMD: parameters shared by every neuron, at
;; most two current-based synapse groups. It performs the same IEEE double operations in the same
;; order as the JavaScript loop, so both give bit-identical results (test/engine/wasm.test.ts);
;; it exists because V8 runs this loop 4-6x slower than WebAssembly (no bounds checks, two
;; neurons per SIMD instruction, four per iteration). Measured on the 4000-neuron CUBA network,
;; 10,000 steps: JavaScript ~850 ms, scalar WebAssembly ~190 ms, f64x2 ~150 ms, four per
;; iteration ~110 ms. Compiled to lifModule.ts by `node scripts/build-wasm.mjs`.
;;
;; Arrays are byte offsets into the module's memory: V, last spike step (i32), external current,
;; the two synapse groups' g (decayed in place for the next step) and the spike output (i32).
;; Returns the number of neurons that spiked.
(module
  (memory (export "memory") 1)
  ;; One neuron: the scalar tail when the population size is odd.
  (func $one (param $i i32) (param $c i32) (param $pV i32) (param $pL i32) (param $pI i32) (param $pA i32) (param $pB i32) (param $pS i32)
        (param $step i32) (param $rest f64) (param $th f64) (param $vr f64) (param $R f64) (param $decay f64) (param $ref i32)
        (param $da f64) (param $db f64) (param $hard i32) (result i32)
    (local $v f64) (local $a f64) (local $b f64) (local $vinf f64) (local $o8 i32) (local $o4 i32)
    (local.set $o8 (i32.shl (local.get $i) (i32.const 3)))
    (local.set $o4 (i32.shl (local.get $i) (i32.const 2)))
    (local.set $v (f64.load (i32.add (local.get $pV) (local.get $o8))))
    (if (f64.ge (local.get $v) (local.get $th))
      (then (local.set $v (select (local.get $vr) (f64.sub (local.get $v) (f64.sub (local.get $th) (local.get $vr))) (local.get $hard)))))
    (local.set $a (f64.load (i32.add (local.get $pA) (local.get $o8))))
    (local.set $b (f64.load (i32.add (local.get $pB) (local.get $o8))))
    (f64.store (i32.add (local.get $pA) (local.get $o8)) (f64.mul (local.get $a) (local.get $da)))
    (f64.store (i32.add (local.get $pB) (local.get $o8)) (f64.mul (local.get $b) (local.get $db)))
    (if (i32.ge_s (i32.sub (local.get $step) (i32.load (i32.add (local.get $pL) (local.get $o4)))) (local.get $ref))
      (then
        (local.set $vinf (f64.add (local.get $rest) (f64.mul (local.get $R)
           (f64.add (f64.add (f64.load (i32.add (local.get $pI) (local.get $o8))) (local.get $a)) (local.get $b)))))
        (local.set $v (f64.add (local.get $vinf) (f64.mul (f64.sub (local.get $v) (local.get $vinf)) (local.get $decay))))))
    (f64.store (i32.add (local.get $pV) (local.get $o8)) (local.get $v))
    (if (f64.ge (local.get $v) (local.get $th))
      (then
        (i32.store (i32.add (local.get $pS) (i32.shl (local.get $c) (i32.const 2))) (local.get $i))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (i32.store (i32.add (local.get $pL) (local.get $o4)) (local.get $step))))
    (local.get $c))

  ;; Four neurons per iteration (two f64x2 halves) for instruction-level parallelism; the last
  ;; n mod 4 neurons go through $one.
  (func (export "lif") (param $n i32) (param $pV i32) (param $pL i32) (param $pI i32) (param $pA i32) (param $pB i32) (param $pS i32)
        (param $step i32) (param $rest f64) (param $th f64) (param $vr f64) (param $R f64) (param $decay f64) (param $ref i32)
        (param $da f64) (param $db f64) (param $hard i32) (result i32)
    (local $i i32) (local $c i32) (local $o8 i32) (local $o4 i32) (local $n4 i32)
    (local $v v128) (local $a v128) (local $b v128) (local $vinf v128) (local $r4 v128) (local $m0 v128) (local $m1 v128) (local $m4 v128)
    (local $rm0 v128) (local $rm1 v128) (local $mr v128)
    (local $TH v128) (local $VR v128) (local $JUMP v128) (local $REST v128) (local $RR v128) (local $DEC v128) (local $DA v128) (local $DB v128) (local $SINCE v128)
    (local.set $TH (f64x2.splat (local.get $th)))
    (local.set $VR (f64x2.splat (local.get $vr)))
    (local.set $JUMP (f64x2.splat (f64.sub (local.get $th) (local.get $vr))))
    (local.set $REST (f64x2.splat (local.get $rest)))
    (local.set $RR (f64x2.splat (local.get $R)))
    (local.set $DEC (f64x2.splat (local.get $decay)))
    (local.set $DA (f64x2.splat (local.get $da)))
    (local.set $DB (f64x2.splat (local.get $db)))
    (local.set $SINCE (i32x4.splat (i32.add (i32.sub (local.get $step) (local.get $ref)) (i32.const 1))))
    (local.set $n4 (i32.and (local.get $n) (i32.const -4)))
    (block $done
      (loop $top
        (br_if $done (i32.ge_u (local.get $i) (local.get $n4)))
        (local.set $o8 (i32.shl (local.get $i) (i32.const 3)))
        (local.set $o4 (i32.shl (local.get $i) (i32.const 2)))
        ;; integrating lanes: step - last >= ref, i.e. last < step - ref + 1 (one compare), four i32
        ;; widened to 64-bit masks
        (local.set $r4 (i32x4.gt_s (local.get $SINCE) (v128.load (i32.add (local.get $pL) (local.get $o4)))))
        (local.set $rm0 (i64x2.extend_low_i32x4_s (local.get $r4)))
        (local.set $rm1 (i64x2.extend_high_i32x4_s (local.get $r4)))
        (local.set $v (v128.load offset=0 (i32.add (local.get $pV) (local.get $o8))))
        (local.set $mr (f64x2.ge (local.get $v) (local.get $TH)))
        (if (local.get $hard)
          (then (local.set $v (v128.bitselect (local.get $VR) (local.get $v) (local.get $mr))))
          (else (local.set $v (v128.bitselect (f64x2.sub (local.get $v) (local.get $JUMP)) (local.get $v) (local.get $mr)))))
        (local.set $a (v128.load offset=0 (i32.add (local.get $pA) (local.get $o8))))
        (local.set $b (v128.load offset=0 (i32.add (local.get $pB) (local.get $o8))))
        (v128.store offset=0 (i32.add (local.get $pA) (local.get $o8)) (f64x2.mul (local.get $a) (local.get $DA)))
        (v128.store offset=0 (i32.add (local.get $pB) (local.get $o8)) (f64x2.mul (local.get $b) (local.get $DB)))
        (local.set $vinf (f64x2.add (local.get $REST) (f64x2.mul (local.get $RR)
           (f64x2.add (f64x2.add (v128.load offset=0 (i32.add (local.get $pI) (local.get $o8))) (local.get $a)) (local.get $b)))))
        (local.set $v (v128.bitselect
          (f64x2.add (local.get $vinf) (f64x2.mul (f64x2.sub (local.get $v) (local.get $vinf)) (local.get $DEC)))
          (local.get $v)
          (local.get $rm0)))
        (v128.store offset=0 (i32.add (local.get $pV) (local.get $o8)) (local.get $v))
        (local.set $m0 (f64x2.ge (local.get $v) (local.get $TH)))
        (local.set $v (v128.load offset=16 (i32.add (local.get $pV) (local.get $o8))))
        (local.set $mr (f64x2.ge (local.get $v) (local.get $TH)))
        (if (local.get $hard)
          (then (local.set $v (v128.bitselect (local.get $VR) (local.get $v) (local.get $mr))))
          (else (local.set $v (v128.bitselect (f64x2.sub (local.get $v) (local.get $JUMP)) (local.get $v) (local.get $mr)))))
        (local.set $a (v128.load offset=16 (i32.add (local.get $pA) (local.get $o8))))
        (local.set $b (v128.load offset=16 (i32.add (local.get $pB) (local.get $o8))))
        (v128.store offset=16 (i32.add (local.get $pA) (local.get $o8)) (f64x2.mul (local.get $a) (local.get $DA)))
        (v128.store offset=16 (i32.add (local.get $pB) (local.get $o8)) (f64x2.mul (local.get $b) (local.get $DB)))
        (local.set $vinf (f64x2.add (local.get $REST) (f64x2.mul (local.get $RR)
           (f64x2.add (f64x2.add (v128.load offset=16 (i32.add (local.get $pI) (local.get $o8))) (local.get $a)) (local.get $b)))))
        (local.set $v (v128.bitselect
          (f64x2.add (local.get $vinf) (f64x2.mul (f64x2.sub (local.get $v) (local.get $vinf)) (local.get $DEC)))
          (local.get $v)
          (local.get $rm1)))
        (v128.store offset=16 (i32.add (local.get $pV) (local.get $o8)) (local.get $v))
        (local.set $m1 (f64x2.ge (local.get $v) (local.get $TH)))
        ;; spiking lanes (rare): narrow the two 64-bit masks to four 32-bit lanes, in neuron order
        (local.set $m4 (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $m0) (local.get $m1)))
        (if (v128.any_true (local.get $m4))
          (then
            (if (i32.ne (i32x4.extract_lane 0 (local.get $m4)) (i32.const 0))
              (then
                (i32.store (i32.add (local.get $pS) (i32.shl (local.get $c) (i32.const 2))) (i32.add (local.get $i) (i32.const 0)))
                (local.set $c (i32.add (local.get $c) (i32.const 1)))
                (i32.store offset=0 (i32.add (local.get $pL) (local.get $o4)) (local.get $step))))
            (if (i32.ne (i32x4.extract_lane 1 (local.get $m4)) (i32.const 0))
              (then
                (i32.store (i32.add (local.get $pS) (i32.shl (local.get $c) (i32.const 2))) (i32.add (local.get $i) (i32.const 1)))
                (local.set $c (i32.add (local.get $c) (i32.const 1)))
                (i32.store offset=4 (i32.add (local.get $pL) (local.get $o4)) (local.get $step))))
            (if (i32.ne (i32x4.extract_lane 2 (local.get $m4)) (i32.const 0))
              (then
                (i32.store (i32.add (local.get $pS) (i32.shl (local.get $c) (i32.const 2))) (i32.add (local.get $i) (i32.const 2)))
                (local.set $c (i32.add (local.get $c) (i32.const 1)))
                (i32.store offset=8 (i32.add (local.get $pL) (local.get $o4)) (local.get $step))))
            (if (i32.ne (i32x4.extract_lane 3 (local.get $m4)) (i32.const 0))
              (then
                (i32.store (i32.add (local.get $pS) (i32.shl (local.get $c) (i32.const 2))) (i32.add (local.get $i) (i32.const 3)))
                (local.set $c (i32.add (local.get $c) (i32.const 1)))
                (i32.store offset=12 (i32.add (local.get $pL) (local.get $o4)) (local.get $step))))
          ))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $top)))
    (block $tail
      (loop $next
        (br_if $tail (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $c (call $one (local.get $i) (local.get $c) (local.get $pV) (local.get $pL) (local.get $pI) (local.get $pA) (local.get $pB) (local.get $pS)
          (local.get $step) (local.get $rest) (local.get $th) (local.get $vr) (local.get $R) (local.get $decay) (local.get $ref) (local.get $da) (local.get $db) (local.get $hard)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $c))
)
