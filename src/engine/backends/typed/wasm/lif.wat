;; The LIF/LIFRef fast loop of the typed backend (src/engine/backends/typed/neurons.ts,
;; LifKernel.updateFast) in WebAssembly with f64x2 SIMD: parameters shared by every neuron, at
;; most two current-based synapse groups. It performs the same IEEE double operations in the same
;; order as the JavaScript loop, so both give bit-identical results (test/engine/wasm.test.ts);
;; it exists because V8 runs this loop 4-8x slower than WebAssembly (no bounds checks, two
;; neurons per SIMD instruction, eight per iteration). Measured on the 4000-neuron CUBA network,
;; 10,000 steps: JavaScript ~850 ms, scalar WebAssembly ~190 ms, f64x2 ~150 ms, four per
;; iteration ~110 ms, eight per iteration with one spike test per eight ~93 ms. Compiled to
;; lifModule.ts by `node scripts/build-wasm.mjs`.
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

  ;; Eight neurons per iteration (four f64x2 quarters) for instruction-level parallelism, with one
  ;; test for spikes per eight (spikes are rare; the few that occur are found by rereading V, in
  ;; neuron order); the last n mod 8 neurons go through $one. Hard or soft reset is a branch on
  ;; $hard that the CPU predicts perfectly (a select mask rebuilt per iteration cost ~15 %).
  (func $lif (export "lif") (param $n i32) (param $pV i32) (param $pL i32) (param $pI i32) (param $pA i32) (param $pB i32) (param $pS i32)
        (param $step i32) (param $rest f64) (param $th f64) (param $vr f64) (param $R f64) (param $decay f64) (param $ref i32)
        (param $da f64) (param $db f64) (param $hard i32) (result i32)
    (local $i i32) (local $c i32) (local $o8 i32) (local $o4 i32) (local $nU i32) (local $k i32)
    (local $v v128) (local $a v128) (local $b v128) (local $vinf v128) (local $r4 v128) (local $mr v128) (local $any v128)
    (local $TH v128) (local $VR v128) (local $JUMP v128) (local $REST v128) (local $RR v128) (local $DEC v128) (local $DA v128) (local $DB v128) (local $SINCE v128)
    (local.set $TH (f64x2.splat (local.get $th)))
    (local.set $VR (f64x2.splat (local.get $vr)))
    (local.set $JUMP (f64x2.splat (f64.sub (local.get $th) (local.get $vr))))
    (local.set $REST (f64x2.splat (local.get $rest)))
    (local.set $RR (f64x2.splat (local.get $R)))
    (local.set $DEC (f64x2.splat (local.get $decay)))
    (local.set $DA (f64x2.splat (local.get $da)))
    (local.set $DB (f64x2.splat (local.get $db)))
    ;; integrating lanes: step - last >= ref, i.e. last < step - ref + 1 (one i32x4 compare per
    ;; four neurons, widened to two 64-bit masks)
    (local.set $SINCE (i32x4.splat (i32.add (i32.sub (local.get $step) (local.get $ref)) (i32.const 1))))
    (local.set $nU (i32.and (local.get $n) (i32.const -8)))
    (block $done
      (loop $top
        (br_if $done (i32.ge_u (local.get $i) (local.get $nU)))
        (local.set $o8 (i32.shl (local.get $i) (i32.const 3)))
        (local.set $o4 (i32.shl (local.get $i) (i32.const 2)))
        (local.set $any (v128.const i32x4 0 0 0 0))
        (local.set $r4 (i32x4.gt_s (local.get $SINCE) (v128.load offset=0 (i32.add (local.get $pL) (local.get $o4)))))
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
          (i64x2.extend_low_i32x4_s (local.get $r4))))
        (v128.store offset=0 (i32.add (local.get $pV) (local.get $o8)) (local.get $v))
        (local.set $any (v128.or (local.get $any) (f64x2.ge (local.get $v) (local.get $TH))))
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
          (i64x2.extend_high_i32x4_s (local.get $r4))))
        (v128.store offset=16 (i32.add (local.get $pV) (local.get $o8)) (local.get $v))
        (local.set $any (v128.or (local.get $any) (f64x2.ge (local.get $v) (local.get $TH))))
        (local.set $r4 (i32x4.gt_s (local.get $SINCE) (v128.load offset=16 (i32.add (local.get $pL) (local.get $o4)))))
        (local.set $v (v128.load offset=32 (i32.add (local.get $pV) (local.get $o8))))
        (local.set $mr (f64x2.ge (local.get $v) (local.get $TH)))
        (if (local.get $hard)
          (then (local.set $v (v128.bitselect (local.get $VR) (local.get $v) (local.get $mr))))
          (else (local.set $v (v128.bitselect (f64x2.sub (local.get $v) (local.get $JUMP)) (local.get $v) (local.get $mr)))))
        (local.set $a (v128.load offset=32 (i32.add (local.get $pA) (local.get $o8))))
        (local.set $b (v128.load offset=32 (i32.add (local.get $pB) (local.get $o8))))
        (v128.store offset=32 (i32.add (local.get $pA) (local.get $o8)) (f64x2.mul (local.get $a) (local.get $DA)))
        (v128.store offset=32 (i32.add (local.get $pB) (local.get $o8)) (f64x2.mul (local.get $b) (local.get $DB)))
        (local.set $vinf (f64x2.add (local.get $REST) (f64x2.mul (local.get $RR)
           (f64x2.add (f64x2.add (v128.load offset=32 (i32.add (local.get $pI) (local.get $o8))) (local.get $a)) (local.get $b)))))
        (local.set $v (v128.bitselect
          (f64x2.add (local.get $vinf) (f64x2.mul (f64x2.sub (local.get $v) (local.get $vinf)) (local.get $DEC)))
          (local.get $v)
          (i64x2.extend_low_i32x4_s (local.get $r4))))
        (v128.store offset=32 (i32.add (local.get $pV) (local.get $o8)) (local.get $v))
        (local.set $any (v128.or (local.get $any) (f64x2.ge (local.get $v) (local.get $TH))))
        (local.set $v (v128.load offset=48 (i32.add (local.get $pV) (local.get $o8))))
        (local.set $mr (f64x2.ge (local.get $v) (local.get $TH)))
        (if (local.get $hard)
          (then (local.set $v (v128.bitselect (local.get $VR) (local.get $v) (local.get $mr))))
          (else (local.set $v (v128.bitselect (f64x2.sub (local.get $v) (local.get $JUMP)) (local.get $v) (local.get $mr)))))
        (local.set $a (v128.load offset=48 (i32.add (local.get $pA) (local.get $o8))))
        (local.set $b (v128.load offset=48 (i32.add (local.get $pB) (local.get $o8))))
        (v128.store offset=48 (i32.add (local.get $pA) (local.get $o8)) (f64x2.mul (local.get $a) (local.get $DA)))
        (v128.store offset=48 (i32.add (local.get $pB) (local.get $o8)) (f64x2.mul (local.get $b) (local.get $DB)))
        (local.set $vinf (f64x2.add (local.get $REST) (f64x2.mul (local.get $RR)
           (f64x2.add (f64x2.add (v128.load offset=48 (i32.add (local.get $pI) (local.get $o8))) (local.get $a)) (local.get $b)))))
        (local.set $v (v128.bitselect
          (f64x2.add (local.get $vinf) (f64x2.mul (f64x2.sub (local.get $v) (local.get $vinf)) (local.get $DEC)))
          (local.get $v)
          (i64x2.extend_high_i32x4_s (local.get $r4))))
        (v128.store offset=48 (i32.add (local.get $pV) (local.get $o8)) (local.get $v))
        (local.set $any (v128.or (local.get $any) (f64x2.ge (local.get $v) (local.get $TH))))
        (if (v128.any_true (local.get $any))
          (then
            (local.set $k (i32.const 0))
            (block $sd
              (loop $sl
                (br_if $sd (i32.ge_u (local.get $k) (i32.const 8)))
                (if (f64.ge (f64.load (i32.add (local.get $pV) (i32.shl (i32.add (local.get $i) (local.get $k)) (i32.const 3)))) (local.get $th))
                  (then
                    (i32.store (i32.add (local.get $pS) (i32.shl (local.get $c) (i32.const 2))) (i32.add (local.get $i) (local.get $k)))
                    (local.set $c (i32.add (local.get $c) (i32.const 1)))
                    (i32.store (i32.add (local.get $pL) (i32.shl (i32.add (local.get $i) (local.get $k)) (i32.const 2))) (local.get $step))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $sl)))))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $top)))
    (block $tail
      (loop $next
        (br_if $tail (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $c (call $one (local.get $i) (local.get $c) (local.get $pV) (local.get $pL) (local.get $pI) (local.get $pA) (local.get $pB) (local.get $pS)
          (local.get $step) (local.get $rest) (local.get $th) (local.get $vr) (local.get $R) (local.get $decay) (local.get $ref) (local.get $da) (local.get $db) (local.get $hard)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $c))

  ;; One projection's increments for one step: for each of the c neurons listed at $sp (the pre
  ;; population's spikes of the previous step), add its CSR row's weights into the f64 array at
  ;; $pg (g, or a delay slot): the weight $w, or per synapse the float32 weights at $pw when
  ;; $pw is not 0. Same additions in the same order as propagate() in instance.ts.
  (func $propagate (export "propagate") (param $sp i32) (param $c i32) (param $row i32) (param $col i32) (param $pw i32) (param $w f64) (param $pg i32)
    (local $j i32) (local $a i32) (local $e i32) (local $end i32)
    (block $sdone
      (loop $spike
        (br_if $sdone (i32.ge_u (local.get $j) (local.get $c)))
        (local.set $a (i32.add (local.get $row) (i32.shl (i32.load (i32.add (local.get $sp) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 2))))
        (local.set $e (i32.load offset=0 (local.get $a)))
        (local.set $end (i32.load offset=4 (local.get $a)))
        (if (i32.eqz (local.get $pw))
          (then
            (block $rdone
              (loop $syn
                (br_if $rdone (i32.ge_s (local.get $e) (local.get $end)))
                (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load (i32.add (local.get $col) (i32.shl (local.get $e) (i32.const 2)))) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
                (local.set $e (i32.add (local.get $e) (i32.const 1)))
                (br $syn))))
          (else
            (block $wdone
              (loop $wsyn
                (br_if $wdone (i32.ge_s (local.get $e) (local.get $end)))
                (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load (i32.add (local.get $col) (i32.shl (local.get $e) (i32.const 2)))) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a))
                  (f64.promote_f32 (f32.load (i32.add (local.get $pw) (i32.shl (local.get $e) (i32.const 2)))))))
                (local.set $e (i32.add (local.get $e) (i32.const 1)))
                (br $wsyn)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $spike))))

  ;; A whole network of LIF populations for steps [from, to): per step, every projection adds the
  ;; weights of the rows of neurons that spiked in the previous step into its target g (in
  ;; projection order, like propagate() in instance.ts, so sums are bit-identical), then every
  ;; population runs $lif and, when recorded, appends (population, step, neuron) to the record
  ;; buffer. Used when the whole network fits (see fused.ts); the JavaScript driver calls it once
  ;; per chunk instead of several functions per step. Stops early, before a step whose spikes
  ;; might not fit in the record buffer; returns the step reached. The table at $t (fused.ts):
  ;;   header  +0 populations, +4 projections, +8 record buffer, +12 its capacity (entries),
  ;;           +16 entries used (read and written), +20 most spikes one step can record
  ;;   population (128 bytes each, from $t + 64): +0 n, +4 V, +8 last, +12 iext, +16 g0, +20 g1,
  ;;           +24 spike list, +28 spike count (read and written), +32 hard, +36 ref steps,
  ;;           +40 recorded, +48 rest, +56 th, +64 V_reset, +72 R, +80 decay, +88 g0 decay, +96 g1 decay
  ;;   projection (32 bytes each, after the populations): +0 its pre population's entry,
  ;;           +4 rowPtr, +8 col, +12 float32 weights (0: one weight for all), +16 target g, +24 weight
  (func (export "net_run") (param $t i32) (param $from i32) (param $to i32) (result i32)
    (local $s i32) (local $np i32) (local $nq i32) (local $k i32) (local $r i32) (local $pre i32)
    (local $c i32) (local $j i32) (local $sp i32) (local $a i32)
    (local $rec i32) (local $len i32) (local $cap i32) (local $max i32) (local $projs i32)
    (local.set $np (i32.load offset=0 (local.get $t)))
    (local.set $nq (i32.load offset=4 (local.get $t)))
    (local.set $rec (i32.load offset=8 (local.get $t)))
    (local.set $cap (i32.load offset=12 (local.get $t)))
    (local.set $len (i32.load offset=16 (local.get $t)))
    (local.set $max (i32.load offset=20 (local.get $t)))
    (local.set $projs (i32.add (i32.add (local.get $t) (i32.const 64)) (i32.shl (local.get $np) (i32.const 7))))
    (local.set $s (local.get $from))
    (block $out
      (loop $step
        (br_if $out (i32.ge_s (local.get $s) (local.get $to)))
        (br_if $out (i32.gt_u (i32.add (local.get $len) (local.get $max)) (local.get $cap)))
        ;; propagate
        (local.set $k (i32.const 0))
        (block $pdone
          (loop $proj
            (br_if $pdone (i32.ge_u (local.get $k) (local.get $nq)))
            (local.set $r (i32.add (local.get $projs) (i32.shl (local.get $k) (i32.const 5))))
            (local.set $pre (i32.load offset=0 (local.get $r)))
            (call $propagate (i32.load offset=24 (local.get $pre)) (i32.load offset=28 (local.get $pre))
              (i32.load offset=4 (local.get $r)) (i32.load offset=8 (local.get $r)) (i32.load offset=12 (local.get $r))
              (f64.load offset=24 (local.get $r)) (i32.load offset=16 (local.get $r)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $proj)))
        ;; neurons, then the record buffer
        (local.set $k (i32.const 0))
        (block $ndone
          (loop $pop
            (br_if $ndone (i32.ge_u (local.get $k) (local.get $np)))
            (local.set $r (i32.add (i32.add (local.get $t) (i32.const 64)) (i32.shl (local.get $k) (i32.const 7))))
            (local.set $c (call $lif
              (i32.load offset=0 (local.get $r)) (i32.load offset=4 (local.get $r)) (i32.load offset=8 (local.get $r))
              (i32.load offset=12 (local.get $r)) (i32.load offset=16 (local.get $r)) (i32.load offset=20 (local.get $r))
              (i32.load offset=24 (local.get $r)) (local.get $s)
              (f64.load offset=48 (local.get $r)) (f64.load offset=56 (local.get $r)) (f64.load offset=64 (local.get $r))
              (f64.load offset=72 (local.get $r)) (f64.load offset=80 (local.get $r)) (i32.load offset=36 (local.get $r))
              (f64.load offset=88 (local.get $r)) (f64.load offset=96 (local.get $r)) (i32.load offset=32 (local.get $r))))
            (i32.store offset=28 (local.get $r) (local.get $c))
            (if (i32.load offset=40 (local.get $r))
              (then
                (local.set $sp (i32.load offset=24 (local.get $r)))
                (local.set $j (i32.const 0))
                (block $rdone2
                  (loop $recl
                    (br_if $rdone2 (i32.ge_u (local.get $j) (local.get $c)))
                    (local.set $a (i32.add (local.get $rec) (i32.mul (local.get $len) (i32.const 12))))
                    (i32.store offset=0 (local.get $a) (local.get $k))
                    (i32.store offset=4 (local.get $a) (local.get $s))
                    (i32.store offset=8 (local.get $a) (i32.load (i32.add (local.get $sp) (i32.shl (local.get $j) (i32.const 2)))))
                    (local.set $len (i32.add (local.get $len) (i32.const 1)))
                    (local.set $j (i32.add (local.get $j) (i32.const 1)))
                    (br $recl)))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $pop)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $step)))
    (i32.store offset=16 (local.get $t) (local.get $len))
    (local.get $s))
)
