;; The typed backend's hand-written WebAssembly: the fused driver (net_run), spike propagation,
;; delayed increments, Poisson sources and the deterministic exp. Neuron models have no loop here:
;; their steps are generated from their specs (wasmgen/generate.ts; LIF's is written once, in
;; shared/modelspec/neurons/lif.ts) and net_run calls them through the table "gen". Compiled to
;; lifModule.ts by `node scripts/build-wasm.mjs`.
(module
  (memory (export "memory") 1)
  ;; Steps of kinds generated from model specs (wasmgen/generate.ts): population entry, step ->
  ;; spikes. Kind 3 + j calls entry j, which the arena fills in when it instantiates a
  ;; generated module on this memory (WasmArena.install).
  (type $gen_step (func (param i32 i32) (result i32)))
  (table (export "gen") 8 funcref)
  ;; ---- Spike propagation. Its time is mostly waiting for memory: each spike's row of column
  ;; indices is somewhere in a CSR of megabytes (brunel-sr: 20 MB for E->E alone), and a row
  ;; that is not in cache stalls its additions. WebAssembly has no prefetch instruction, so the
  ;; rows are touched first with plain loads, many at once, so that their misses overlap
  ;; instead of following one another. Their values are summed and dropped; a load may trap,
  ;; so compilers keep it. Measured by replaying 400 steps of brunel-sr's recorded spikes
  ;; through $propagate (CPU time, loaded machine): 1.38 ns per synaptic event before, 1.03
  ;; with $touchFirst and $touchRow, 0.83 with $pair too.

  ;; The first cache line of the column row of each of the c spikes at $sp.
  (func $touchFirst (param $sp i32) (param $c i32) (param $row i32) (param $col i32) (param $cs i32) (result i32)
    (local $j i32) (local $sum i32) (local $a i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $j) (local.get $c)))
        (local.set $a (i32.add (local.get $row) (i32.shl (i32.load (i32.add (local.get $sp) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 2))))
        ;; an empty row's start may be the end of memory
        (if (i32.lt_s (i32.load offset=0 (local.get $a)) (i32.load offset=4 (local.get $a)))
          (then (local.set $sum (i32.add (local.get $sum)
            (i32.load8_u (i32.add (local.get $col) (i32.shl (i32.load offset=0 (local.get $a)) (local.get $cs))))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))
    (local.get $sum))

  ;; Neuron $i's column row ($cs: log2 of a column's bytes), one load per 128 bytes (TOUCH
  ;; STRIDE, two cache lines): as fast as one per 64-byte line in the replay (1.10-1.15 against
  ;; 1.14 ns per event, same load), with half the loads.
  (func $touchRow (param $i i32) (param $row i32) (param $col i32) (param $cs i32) (result i32)
    (local $p i32) (local $end i32) (local $sum i32)
    (local.set $p (i32.add (local.get $col) (i32.shl (i32.load offset=0 (i32.add (local.get $row) (i32.shl (local.get $i) (i32.const 2)))) (local.get $cs))))
    (local.set $end (i32.add (local.get $col) (i32.shl (i32.load offset=4 (i32.add (local.get $row) (i32.shl (local.get $i) (i32.const 2)))) (local.get $cs))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $sum (i32.add (local.get $sum) (i32.load8_u (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 128))) ;; TOUCH STRIDE
        (br $next)))
    (local.get $sum))

  ;; Two rows of u16 columns [$ca, $ea) and [$cb, $eb) (byte addresses) with one weight, four
  ;; synapses of each per iteration: two streams of misses in flight instead of one. A target
  ;; gets the same additions of the same $w as row after row, and equal addends give the same
  ;; sum in any order, so the result is bit-identical.
  (func $pair (param $ca i32) (param $ea i32) (param $cb i32) (param $eb i32) (param $w f64) (param $pg i32)
    (local $a i32) (local $ea4 i32) (local $eb4 i32)
    (local.set $ea4 (i32.sub (local.get $ea) (i32.const 6)))
    (local.set $eb4 (i32.sub (local.get $eb) (i32.const 6)))
    (block $both
      (loop $next
        (br_if $both (i32.ge_s (local.get $ca) (local.get $ea4)))
        (br_if $both (i32.ge_s (local.get $cb) (local.get $eb4)))
        (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load16_u offset=0 (local.get $ca)) (i32.const 3))))
        (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
        (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load16_u offset=0 (local.get $cb)) (i32.const 3))))
        (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
        (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load16_u offset=2 (local.get $ca)) (i32.const 3))))
        (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
        (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load16_u offset=2 (local.get $cb)) (i32.const 3))))
        (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
        (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load16_u offset=4 (local.get $ca)) (i32.const 3))))
        (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
        (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load16_u offset=4 (local.get $cb)) (i32.const 3))))
        (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
        (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load16_u offset=6 (local.get $ca)) (i32.const 3))))
        (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
        (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load16_u offset=6 (local.get $cb)) (i32.const 3))))
        (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
        (local.set $ca (i32.add (local.get $ca) (i32.const 8)))
        (local.set $cb (i32.add (local.get $cb) (i32.const 8)))
        (br $next)))
    (block $adone
      (loop $arest
        (br_if $adone (i32.ge_s (local.get $ca) (local.get $ea)))
        (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load16_u offset=0 (local.get $ca)) (i32.const 3))))
        (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
        (local.set $ca (i32.add (local.get $ca) (i32.const 2)))
        (br $arest)))
    (block $bdone
      (loop $brest
        (br_if $bdone (i32.ge_s (local.get $cb) (local.get $eb)))
        (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load16_u offset=0 (local.get $cb)) (i32.const 3))))
        (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
        (local.set $cb (i32.add (local.get $cb) (i32.const 2)))
        (br $brest))))

  ;; One projection's increments for one step: for each of the c neurons listed at $sp (the pre
  ;; population's spikes of the previous step), add its CSR row's weights into the f64 array at
  ;; $pg (g, or a delay slot): the weight $w, or per synapse the float32 weights at $pw when
  ;; $pw is not 0. Column indices are i32, or u16 when $narrow (post populations up to 65,536
  ;; neurons: half the bytes to read, ~1.4x faster on brunel-sr's 1000-synapse rows). Rows are
  ;; touched ahead (see above): the first line of every row, then all of the row two spikes on;
  ;; u16 rows with one weight go two at a time ($pair), others four synapses per iteration. A
  ;; target's additions stay in row order (or are equal, see $pair): the same sums, bit for bit,
  ;; as propagate() in instance.ts.
  (func $propagate (export "propagate") (param $sp i32) (param $c i32) (param $row i32) (param $col i32) (param $pw i32) (param $w f64) (param $pg i32) (param $narrow i32)
    (local $j i32) (local $a i32) (local $e i32) (local $end i32) (local $end4 i32) (local $ca i32) (local $wa i32) (local $cs i32)
    (local.set $cs (i32.add (i32.const 1) (i32.eqz (local.get $narrow))))
    (drop (call $touchFirst (local.get $sp) (local.get $c) (local.get $row) (local.get $col) (local.get $cs)))
    (if (i32.and (local.get $narrow) (i32.eqz (local.get $pw)))
      (then
        (block $pdone
          (loop $pnext
            (br_if $pdone (i32.ge_u (i32.add (local.get $j) (i32.const 1)) (local.get $c)))
            (if (i32.lt_u (i32.add (local.get $j) (i32.const 3)) (local.get $c))
              (then
                (drop (call $touchRow (i32.load offset=8 (i32.add (local.get $sp) (i32.shl (local.get $j) (i32.const 2)))) (local.get $row) (local.get $col) (i32.const 1)))
                (drop (call $touchRow (i32.load offset=12 (i32.add (local.get $sp) (i32.shl (local.get $j) (i32.const 2)))) (local.get $row) (local.get $col) (i32.const 1)))))
            (call $pair
              (i32.add (local.get $col) (i32.shl (i32.load offset=0 (i32.add (local.get $row) (i32.shl (i32.load offset=0 (i32.add (local.get $sp) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 2)))) (i32.const 1)))
              (i32.add (local.get $col) (i32.shl (i32.load offset=4 (i32.add (local.get $row) (i32.shl (i32.load offset=0 (i32.add (local.get $sp) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 2)))) (i32.const 1)))
              (i32.add (local.get $col) (i32.shl (i32.load offset=0 (i32.add (local.get $row) (i32.shl (i32.load offset=4 (i32.add (local.get $sp) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 2)))) (i32.const 1)))
              (i32.add (local.get $col) (i32.shl (i32.load offset=4 (i32.add (local.get $row) (i32.shl (i32.load offset=4 (i32.add (local.get $sp) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 2)))) (i32.const 1)))
              (local.get $w) (local.get $pg))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $pnext)))))
    (block $sdone
      (loop $spike
        (br_if $sdone (i32.ge_u (local.get $j) (local.get $c)))
        (if (i32.lt_u (i32.add (local.get $j) (i32.const 2)) (local.get $c))
          (then (drop (call $touchRow (i32.load offset=8 (i32.add (local.get $sp) (i32.shl (local.get $j) (i32.const 2)))) (local.get $row) (local.get $col) (local.get $cs)))))
        (local.set $a (i32.add (local.get $row) (i32.shl (i32.load (i32.add (local.get $sp) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 2))))
        (local.set $e (i32.load offset=0 (local.get $a)))
        (local.set $end (i32.load offset=4 (local.get $a)))
        (local.set $end4 (i32.sub (local.get $end) (i32.const 3)))
        (if (i32.eqz (local.get $pw))
          (then
            (if (local.get $narrow)
              (then
            (block $nd
              (loop $n
                (br_if $nd (i32.ge_s (local.get $e) (local.get $end4)))
                (local.set $ca (i32.add (local.get $col) (i32.shl (local.get $e) (i32.const 1))))
                (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load16_u offset=0 (local.get $ca)) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
                (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load16_u offset=2 (local.get $ca)) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
                (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load16_u offset=4 (local.get $ca)) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
                (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load16_u offset=6 (local.get $ca)) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
                (local.set $e (i32.add (local.get $e) (i32.const 4)))
                (br $n)))
            (block $ntd
              (loop $nt
                (br_if $ntd (i32.ge_s (local.get $e) (local.get $end)))
                (local.set $ca (i32.add (local.get $col) (i32.shl (local.get $e) (i32.const 1))))
                (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load16_u (local.get $ca)) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
                (local.set $e (i32.add (local.get $e) (i32.const 1)))
                (br $nt))))
              (else
            (block $id
              (loop $i
                (br_if $id (i32.ge_s (local.get $e) (local.get $end4)))
                (local.set $ca (i32.add (local.get $col) (i32.shl (local.get $e) (i32.const 2))))
                (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load offset=0 (local.get $ca)) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
                (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load offset=4 (local.get $ca)) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
                (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load offset=8 (local.get $ca)) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
                (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load offset=12 (local.get $ca)) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
                (local.set $e (i32.add (local.get $e) (i32.const 4)))
                (br $i)))
            (block $itd
              (loop $it
                (br_if $itd (i32.ge_s (local.get $e) (local.get $end)))
                (local.set $ca (i32.add (local.get $col) (i32.shl (local.get $e) (i32.const 2))))
                (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load (local.get $ca)) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
                (local.set $e (i32.add (local.get $e) (i32.const 1)))
                (br $it))))))
          (else
            (if (local.get $narrow)
              (then
            (block $nwd
              (loop $nw
                (br_if $nwd (i32.ge_s (local.get $e) (local.get $end4)))
                (local.set $ca (i32.add (local.get $col) (i32.shl (local.get $e) (i32.const 1))))
                (local.set $wa (i32.add (local.get $pw) (i32.shl (local.get $e) (i32.const 2))))
                (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load16_u offset=0 (local.get $ca)) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (f64.promote_f32 (f32.load offset=0 (local.get $wa)))))
                (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load16_u offset=2 (local.get $ca)) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (f64.promote_f32 (f32.load offset=4 (local.get $wa)))))
                (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load16_u offset=4 (local.get $ca)) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (f64.promote_f32 (f32.load offset=8 (local.get $wa)))))
                (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load16_u offset=6 (local.get $ca)) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (f64.promote_f32 (f32.load offset=12 (local.get $wa)))))
                (local.set $e (i32.add (local.get $e) (i32.const 4)))
                (br $nw)))
            (block $nwtd
              (loop $nwt
                (br_if $nwtd (i32.ge_s (local.get $e) (local.get $end)))
                (local.set $ca (i32.add (local.get $col) (i32.shl (local.get $e) (i32.const 1))))
                (local.set $wa (i32.add (local.get $pw) (i32.shl (local.get $e) (i32.const 2))))
                (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load16_u (local.get $ca)) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (f64.promote_f32 (f32.load offset=0 (local.get $wa)))))
                (local.set $e (i32.add (local.get $e) (i32.const 1)))
                (br $nwt))))
              (else
            (block $iwd
              (loop $iw
                (br_if $iwd (i32.ge_s (local.get $e) (local.get $end4)))
                (local.set $ca (i32.add (local.get $col) (i32.shl (local.get $e) (i32.const 2))))
                (local.set $wa (i32.add (local.get $pw) (i32.shl (local.get $e) (i32.const 2))))
                (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load offset=0 (local.get $ca)) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (f64.promote_f32 (f32.load offset=0 (local.get $wa)))))
                (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load offset=4 (local.get $ca)) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (f64.promote_f32 (f32.load offset=4 (local.get $wa)))))
                (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load offset=8 (local.get $ca)) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (f64.promote_f32 (f32.load offset=8 (local.get $wa)))))
                (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load offset=12 (local.get $ca)) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (f64.promote_f32 (f32.load offset=12 (local.get $wa)))))
                (local.set $e (i32.add (local.get $e) (i32.const 4)))
                (br $iw)))
            (block $iwtd
              (loop $iwt
                (br_if $iwtd (i32.ge_s (local.get $e) (local.get $end)))
                (local.set $ca (i32.add (local.get $col) (i32.shl (local.get $e) (i32.const 2))))
                (local.set $wa (i32.add (local.get $pw) (i32.shl (local.get $e) (i32.const 2))))
                (local.set $a (i32.add (local.get $pg) (i32.shl (i32.load (local.get $ca)) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (f64.promote_f32 (f32.load offset=0 (local.get $wa)))))
                (local.set $e (i32.add (local.get $e) (i32.const 1)))
                (br $iwt)))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $spike))))

  ;; 2^k for -1022 <= k <= 1023, from its exponent bits (exact)
  (func $pow2 (param $k i32) (result f64)
    (f64.reinterpret_i64 (i64.shl (i64.extend_i32_s (i32.add (local.get $k) (i32.const 1023))) (i64.const 52))))

  ;; detExp (src/engine/math/detExp.ts): fdlibm's exp with k rounded to nearest (1.5·2^52 added
  ;; and subtracted), the same operations in the same order. For x in [-708, 709] (k in
  ;; [-1021, 1023]) 2^k is built from kd's low bits with no branch and no call (the kernels
  ;; generated from specs call this for their odd last neuron, and inline the same operations on
  ;; f64x2 lanes for pairs: wasmgen/laneMath.ts).
  (func $exp (export "exp") (param $x f64) (result f64)
    (local $kd f64) (local $k f64) (local $hi f64) (local $lo f64) (local $r f64) (local $t f64) (local $c f64) (local $y f64) (local $ki i32)
    (if (i32.and (f64.ge (local.get $x) (f64.const -708)) (f64.le (local.get $x) (f64.const 709)))
      (then
        (local.set $kd (f64.add (f64.mul (local.get $x) (f64.const 0x1.71547652b82fep+0)) (f64.const 0x1.8p52)))
        (local.set $k (f64.sub (local.get $kd) (f64.const 0x1.8p52))))
      (else
        ;; NaN and x > MAX_ARG: NaN stays NaN, the rest overflows to Infinity
        (if (i32.eqz (f64.le (local.get $x) (f64.const 0x1.62e42fefa39efp+9)))
          (then (return (select (local.get $x) (f64.const inf) (f64.ne (local.get $x) (local.get $x))))))
        (if (f64.lt (local.get $x) (f64.const -0x1.74910d52d3051p+9))
          (then (return (f64.const 0))))
        (local.set $k (f64.sub (f64.add (f64.mul (local.get $x) (f64.const 0x1.71547652b82fep+0)) (f64.const 0x1.8p52)) (f64.const 0x1.8p52)))))
    (local.set $hi (f64.sub (local.get $x) (f64.mul (local.get $k) (f64.const 0x1.62e42fee00000p-1))))
    (local.set $lo (f64.mul (local.get $k) (f64.const 0x1.a39ef35793c76p-33)))
    (local.set $r (f64.sub (local.get $hi) (local.get $lo)))
    (local.set $t (f64.mul (local.get $r) (local.get $r)))
    (local.set $c (f64.sub (local.get $r) (f64.mul (local.get $t)
      (f64.add (f64.const 0x1.555555555553ep-3) (f64.mul (local.get $t)
        (f64.add (f64.const -0x1.6c16c16bebd93p-9) (f64.mul (local.get $t)
          (f64.add (f64.const 0x1.1566aaf25de2cp-14) (f64.mul (local.get $t)
            (f64.add (f64.const -0x1.bbd41c5d26bf1p-20) (f64.mul (local.get $t) (f64.const 0x1.6376972bea4d0p-25))))))))))))
    (local.set $y (f64.sub (f64.const 1) (f64.sub (f64.sub (local.get $lo)
      (f64.div (f64.mul (local.get $r) (local.get $c)) (f64.sub (f64.const 2) (local.get $c)))) (local.get $hi))))
    ;; kd was set (and is about 1.5·2^52, never 0) only for x in [-708, 709]
    (if (f64.ne (local.get $kd) (f64.const 0))
      (then (return (f64.mul (local.get $y)
        (f64.reinterpret_i64 (i64.add (i64.shl (i64.reinterpret_f64 (local.get $kd)) (i64.const 52)) (i64.const 0x3ff0000000000000)))))))
    (local.set $ki (i32.trunc_f64_s (local.get $k)))
    ;; 2^k in two factors when k leaves the normal range (near overflow, and subnormal results)
    (if (i32.gt_s (local.get $ki) (i32.const 1023))
      (then (return (f64.mul (f64.mul (local.get $y) (call $pow2 (i32.const 1023))) (call $pow2 (i32.sub (local.get $ki) (i32.const 1023)))))))
    (if (i32.lt_s (local.get $ki) (i32.const -1022))
      (then (return (f64.mul (f64.mul (local.get $y) (call $pow2 (i32.add (local.get $ki) (i32.const 1000)))) (call $pow2 (i32.const -1000))))))
    (f64.mul (local.get $y) (call $pow2 (local.get $ki))))

  ;; ---- Poisson sources (sources.ts, PoissonKernel): neuron i spikes when rand < prob[i], one
  ;; draw per neuron in neuron order from the population's xoshiro128** stream (random.ts, Rng:
  ;; the same 32-bit operations, and uniform() = next / 2^32, exact either way). Its four state
  ;; words live at $pR and are read and written back here. $pP holds prob[i]·2^32 (exact, a
  ;; power of two), so next / 2^32 < prob[i] is tested as next < prob[i]·2^32, the same decision
  ;; without a multiplication per draw: 2.6-2.8 instead of 3.3-3.4 ms for 200 steps of 10,000
  ;; draws (best of 40, loaded machine); storing every index and counting the hits (no branch)
  ;; did not help (3.28 ms), an i64 threshold little more (2.60).
  (func $poisson (export "poisson") (param $n i32) (param $pP i32) (param $pR i32) (param $pS i32) (result i32)
    (local $i i32) (local $c i32) (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $t i32) (local $u i32)
    (local.set $s0 (i32.load offset=0 (local.get $pR)))
    (local.set $s1 (i32.load offset=4 (local.get $pR)))
    (local.set $s2 (i32.load offset=8 (local.get $pR)))
    (local.set $s3 (i32.load offset=12 (local.get $pR)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $u (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
        (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
        (if (f64.lt (f64.convert_i32_u (local.get $u))
                    (f64.load (i32.add (local.get $pP) (i32.shl (local.get $i) (i32.const 3)))))
          (then
            (i32.store (i32.add (local.get $pS) (i32.shl (local.get $c) (i32.const 2))) (local.get $i))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.store offset=0 (local.get $pR) (local.get $s0))
    (i32.store offset=4 (local.get $pR) (local.get $s1))
    (i32.store offset=8 (local.get $pR) (local.get $s2))
    (i32.store offset=12 (local.get $pR) (local.get $s3))
    (local.get $c))

  ;; ---- Delayed increments due now (synapseGroups.ts, takeDelayed): g[i] += slot[i], slot[i] = 0.
  (func $take (export "take") (param $pg i32) (param $slot i32) (param $n i32)
    (local $o i32) (local $end i32) (local $endU i32)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (local.set $endU (i32.and (local.get $end) (i32.const -16)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $endU)))
        (v128.store (i32.add (local.get $pg) (local.get $o))
          (f64x2.add (v128.load (i32.add (local.get $pg) (local.get $o))) (v128.load (i32.add (local.get $slot) (local.get $o)))))
        (v128.store (i32.add (local.get $slot) (local.get $o)) (v128.const i64x2 0 0))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next)))
    (if (i32.lt_u (local.get $o) (local.get $end))
      (then
        (f64.store (i32.add (local.get $pg) (local.get $o))
          (f64.add (f64.load (i32.add (local.get $pg) (local.get $o))) (f64.load (i32.add (local.get $slot) (local.get $o)))))
        (f64.store (i32.add (local.get $slot) (local.get $o)) (f64.const 0)))))

  ;; A whole network for steps [from, to): per step, every projection adds the weights of the
  ;; rows of neurons that spiked in the previous step into its target g, or into the delay ring
  ;; buffer's slot due `delay` steps later (in projection order, like propagate() in
  ;; instance.ts, so sums are bit-identical); then every population takes the delayed
  ;; increments due now into its g, runs its kind's update (a generated step or $poisson) and,
  ;; when recorded, appends (population, step, neuron) to the record buffer; last, the state
  ;; monitors sample (as StateRecorder.record in monitors.ts). Used when the whole
  ;; network fits (see fused.ts); the JavaScript driver calls it once per chunk instead of
  ;; several functions per step. Stops early, before a step whose spikes might not fit in the
  ;; record buffer; returns the step reached. The table at $t (fused.ts):
  ;;   header  +0 populations, +4 projections, +8 record buffer, +12 its capacity (entries),
  ;;           +16 entries used (read and written), +20 most spikes one step can record,
  ;;           +24 state monitors, +28 their entries (48 bytes each): +0 the f64 array sampled
  ;;           (V), +4 neuron list (i32), +8 its length, +12 every, +16 samples (f32),
  ;;           +20 sample steps (i32), +28 steps sampled (read and written), +32 capacity (steps)
  ;;   population (160 bytes each, from $t + 64): +0 n, +4 V, +8 last, +12 iext, +16 g0, +20 g1,
  ;;           +24 spike list, +28 spike count (read and written), +32 hard, +36 ref steps,
  ;;           +40 recorded, +44 kind (2 Poisson, 3 + j the
  ;;           generated step in entry j of the table "gen", which reads the entry as
  ;;           wasmgen/generate.ts's ENTRY says),
  ;;           +132 spike probabilities (Poisson), +136 random state (Poisson),
  ;;           +140 g0's delay ring buffer (0: none), +144 its slots, +148 g1's, +152 its slots
  ;;   projection (48 bytes each, after the populations): +0 its pre population's entry,
  ;;           +4 rowPtr, +8 col, +12 float32 weights (0: one weight for all), +16 target g or
  ;;           delay ring buffer, +20 delay steps, +24 weight, +32 ring slots, +36 post size,
  ;;           +40 u16 columns
  (func (export "net_run") (param $t i32) (param $from i32) (param $to i32) (result i32)
    (local $s i32) (local $np i32) (local $nq i32) (local $k i32) (local $r i32) (local $pre i32)
    (local $c i32) (local $j i32) (local $sp i32) (local $a i32) (local $d i32) (local $kind i32)
    (local $rec i32) (local $len i32) (local $cap i32) (local $max i32) (local $projs i32) (local $nm i32) (local $mons i32)
    (local.set $np (i32.load offset=0 (local.get $t)))
    (local.set $nq (i32.load offset=4 (local.get $t)))
    (local.set $rec (i32.load offset=8 (local.get $t)))
    (local.set $cap (i32.load offset=12 (local.get $t)))
    (local.set $len (i32.load offset=16 (local.get $t)))
    (local.set $max (i32.load offset=20 (local.get $t)))
    (local.set $nm (i32.load offset=24 (local.get $t)))
    (local.set $mons (i32.load offset=28 (local.get $t)))
    (local.set $projs (i32.add (i32.add (local.get $t) (i32.const 64)) (i32.mul (local.get $np) (i32.const 160))))
    (local.set $s (local.get $from))
    (block $out
      (loop $step
        (br_if $out (i32.ge_s (local.get $s) (local.get $to)))
        (br_if $out (i32.gt_u (i32.add (local.get $len) (local.get $max)) (local.get $cap)))
        ;; a state monitor that samples this step needs room for one more sample
        (local.set $k (i32.const 0))
        (block $mok
          (loop $mchk
            (br_if $mok (i32.ge_u (local.get $k) (local.get $nm)))
            (local.set $r (i32.add (local.get $mons) (i32.mul (local.get $k) (i32.const 48))))
            (br_if $out (i32.and
              (i32.eqz (i32.rem_u (local.get $s) (i32.load offset=12 (local.get $r))))
              (i32.ge_u (i32.load offset=28 (local.get $r)) (i32.load offset=32 (local.get $r)))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $mchk)))
        ;; propagate
        (local.set $k (i32.const 0))
        (block $pdone
          (loop $proj
            (br_if $pdone (i32.ge_u (local.get $k) (local.get $nq)))
            (local.set $r (i32.add (local.get $projs) (i32.mul (local.get $k) (i32.const 48))))
            (local.set $pre (i32.load offset=0 (local.get $r)))
            (local.set $d (i32.load offset=20 (local.get $r)))
            (if (i32.load offset=28 (local.get $pre))
              (then
                (call $propagate (i32.load offset=24 (local.get $pre)) (i32.load offset=28 (local.get $pre))
                  (i32.load offset=4 (local.get $r)) (i32.load offset=8 (local.get $r)) (i32.load offset=12 (local.get $r))
                  (f64.load offset=24 (local.get $r))
                  (if (result i32) (local.get $d)
                    (then (i32.add (i32.load offset=16 (local.get $r))
                      (i32.shl (i32.mul (i32.rem_u (i32.add (local.get $s) (local.get $d)) (i32.load offset=32 (local.get $r))) (i32.load offset=36 (local.get $r))) (i32.const 3))))
                    (else (i32.load offset=16 (local.get $r))))
                  (i32.load offset=40 (local.get $r)))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $proj)))
        ;; delayed increments, neurons, then the record buffer
        (local.set $k (i32.const 0))
        (block $ndone
          (loop $pop
            (br_if $ndone (i32.ge_u (local.get $k) (local.get $np)))
            (local.set $r (i32.add (i32.add (local.get $t) (i32.const 64)) (i32.mul (local.get $k) (i32.const 160))))
            (if (i32.load offset=140 (local.get $r))
              (then (call $take (i32.load offset=16 (local.get $r))
                (i32.add (i32.load offset=140 (local.get $r))
                  (i32.shl (i32.mul (i32.rem_u (local.get $s) (i32.load offset=144 (local.get $r))) (i32.load offset=0 (local.get $r))) (i32.const 3)))
                (i32.load offset=0 (local.get $r)))))
            (if (i32.load offset=148 (local.get $r))
              (then (call $take (i32.load offset=20 (local.get $r))
                (i32.add (i32.load offset=148 (local.get $r))
                  (i32.shl (i32.mul (i32.rem_u (local.get $s) (i32.load offset=152 (local.get $r))) (i32.load offset=0 (local.get $r))) (i32.const 3)))
                (i32.load offset=0 (local.get $r)))))
            (local.set $kind (i32.load offset=44 (local.get $r)))
            (if (i32.ge_u (local.get $kind) (i32.const 3))
              (then (local.set $c (call_indirect (type $gen_step) (local.get $r) (local.get $s) (i32.sub (local.get $kind) (i32.const 3)))))
            (else
              (local.set $c (call $poisson (i32.load offset=0 (local.get $r)) (i32.load offset=132 (local.get $r))
                (i32.load offset=136 (local.get $r)) (i32.load offset=24 (local.get $r))))))
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
        ;; state monitors: (float32) 0 + x[neuron] for each listed neuron, at multiples of every
        (local.set $k (i32.const 0))
        (block $mdone
          (loop $mon
            (br_if $mdone (i32.ge_u (local.get $k) (local.get $nm)))
            (local.set $r (i32.add (local.get $mons) (i32.mul (local.get $k) (i32.const 48))))
            (if (i32.eqz (i32.rem_u (local.get $s) (i32.load offset=12 (local.get $r))))
              (then
                (local.set $a (i32.load offset=28 (local.get $r)))
                (i32.store (i32.add (i32.load offset=20 (local.get $r)) (i32.shl (local.get $a) (i32.const 2))) (local.get $s))
                (i32.store offset=28 (local.get $r) (i32.add (local.get $a) (i32.const 1)))
                (local.set $c (i32.load offset=8 (local.get $r)))
                (local.set $sp (i32.add (i32.load offset=16 (local.get $r)) (i32.shl (i32.mul (local.get $a) (local.get $c)) (i32.const 2))))
                (local.set $pre (i32.load offset=0 (local.get $r)))
                (local.set $d (i32.load offset=4 (local.get $r)))
                (local.set $j (i32.const 0))
                (block $sdone2
                  (loop $samp
                    (br_if $sdone2 (i32.ge_u (local.get $j) (local.get $c)))
                    (f32.store (i32.add (local.get $sp) (i32.shl (local.get $j) (i32.const 2)))
                      (f32.demote_f64 (f64.add (f64.const 0)
                        (f64.load (i32.add (local.get $pre) (i32.shl (i32.load (i32.add (local.get $d) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 3)))))))
                    (local.set $j (i32.add (local.get $j) (i32.const 1)))
                    (br $samp)))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $mon)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $step)))
    (i32.store offset=16 (local.get $t) (local.get $len))
    (local.get $s))
)
