(* GC stress: allocation churn, major collections and compaction, finalisers, weak tables, ephemerons and Bigarrays, in little memory; prints only what must be the same on Linux. *)

let section name = Printf.printf "%s\n%!" name

(* Binary trees: short-lived allocation, many minor collections. *)
type tree = Leaf | Node of tree * tree

let rec make d = if d = 0 then Leaf else Node (make (d - 1), make (d - 1))

let rec check = function Leaf -> 1 | Node (l, r) -> 1 + check l + check r

let churn () =
  section "churn";
  let long_lived = make 16 in
  for d = 4 to 16 do
    if d mod 4 = 0 then begin
      let n = 1 lsl (18 - d) in
      let sum = ref 0 in
      for _ = 1 to n do
        sum := !sum + check (make d)
      done;
      Printf.printf "trees of depth %d: %d, nodes %d\n" d n !sum
    end
  done;
  Printf.printf "long-lived tree: %d nodes\n" (check long_lived);
  (* Lists, strings and arrays of every size up to the major heap. *)
  let total = ref 0 in
  for i = 1 to 200 do
    let l = List.init (i * 50) (fun j -> j * i) in
    let s = String.make (i * 1000) (Char.chr (i land 127)) in
    let a = Array.make (i * 500) i in
    total := !total + List.length l + String.length s + Array.length a
  done;
  Printf.printf "lists, strings, arrays: %d elements\n" !total

(* Major collections and compaction over a heap that grows and shrinks. *)
let majors () =
  section "major collections";
  let before = (Gc.quick_stat ()).Gc.major_collections in
  let keep = ref [] in
  for round = 1 to 8 do
    let chunk = Array.init 20_000 (fun i -> Some (string_of_int (i + round))) in
    if round mod 2 = 0 then keep := chunk :: !keep;
    Gc.full_major ()
  done;
  Gc.compact ();
  let live =
    List.fold_left
      (fun acc a -> acc + Array.fold_left (fun n x -> if x = None then n else n + 1) 0 a)
      0 !keep
  in
  let after = (Gc.quick_stat ()).Gc.major_collections in
  Printf.printf "kept %d strings; at least 9 major collections: %b\n" live (after - before >= 9);
  keep := [];
  Gc.compact ();
  let st = Gc.stat () in
  Printf.printf "after compaction, live words under 1M: %b, compactions > 0: %b\n"
    (st.Gc.live_words < 1_000_000) (st.Gc.compactions > 0)

(* Finalisers: every unreachable value's runs once, at the latest at a full major. *)
let finalisers () =
  section "finalisers";
  let ran = ref 0 and ran_last = ref 0 and sum = ref 0 in
  let keep = ref [] in
  for i = 1 to 10_000 do
    let r = ref i in
    Gc.finalise (fun r -> incr ran; sum := !sum + !r) r;
    Gc.finalise_last (fun () -> incr ran_last) r;
    if i mod 10 = 0 then keep := r :: !keep
  done;
  Gc.full_major ();
  Gc.full_major ();
  Printf.printf "finalised %d (sum %d), finalise_last %d, kept %d\n" !ran !sum !ran_last
    (List.length !keep);
  keep := [];
  Gc.full_major ();
  Gc.full_major ();
  Printf.printf "after dropping the rest: finalised %d, finalise_last %d\n" !ran !ran_last

(* Weak hash sets and ephemeron tables keep exactly what is reachable. *)
module WS = Weak.Make (struct
  type t = string

  let equal = String.equal
  let hash = Hashtbl.hash
end)

module EH = Ephemeron.K1.Make (struct
  type t = string

  let equal = String.equal
  let hash = Hashtbl.hash
end)

let weak () =
  section "weak tables";
  let ws = WS.create 64 in
  let eh = EH.create 64 in
  let keep = ref [] in
  for i = 1 to 50_000 do
    let s = "weak-" ^ string_of_int i in
    WS.add ws s;
    EH.replace eh s (i * 2);
    if i mod 7 = 0 then keep := s :: !keep
  done;
  Gc.full_major ();
  Gc.full_major ();
  let live_eh = ref 0 and sum = ref 0 in
  EH.iter (fun _ v -> incr live_eh; sum := !sum + v) eh;
  Printf.printf "kept %d; weak set has %d, ephemeron table has %d (sum %d)\n"
    (List.length !keep) (WS.count ws) !live_eh !sum;
  Printf.printf "weak-700 found: %b, weak-701 found: %b\n"
    (WS.mem ws "weak-700") (WS.mem ws "weak-701");
  let w = Weak.create 1000 in
  for i = 0 to 999 do
    Weak.set w i (Some (ref i))
  done;
  Gc.full_major ();
  let alive = ref 0 in
  for i = 0 to 999 do
    if Weak.check w i then incr alive
  done;
  Printf.printf "weak array of unreachable refs, alive after a full major: %d\n" !alive;
  ignore (Sys.opaque_identity !keep)

(* Bigarrays: 320 MiB allocated 1 MiB at a time outside the OCaml heap, in a 64 MiB
   unikernel: each is freed when the GC finds it unreachable. *)
let bigarrays () =
  section "bigarrays";
  let open Bigarray in
  let total = ref 0.0 in
  for i = 1 to 320 do
    let a = Array1.create float64 c_layout 131072 in
    Array1.fill a (float_of_int i);
    a.{i} <- 0.5;
    total := !total +. a.{i} +. a.{131071}
  done;
  Printf.printf "320 one-MiB float64 arrays: %.1f\n" !total;
  let m = Array2.create int32 fortran_layout 300 400 in
  for i = 1 to 300 do
    for j = 1 to 400 do
      m.{i, j} <- Int32.of_int ((i * 1000) + j)
    done
  done;
  let s = ref 0l in
  for i = 1 to 300 do
    s := Int32.add !s m.{i, (i mod 400) + 1}
  done;
  let sub = Array2.slice_right m 17 in
  Printf.printf "int32 300x400 (fortran): diagonal sum %ld, column 17 sum %ld\n" !s
    (let t = ref 0l in
     for i = 1 to Array1.dim sub do
       t := Int32.add !t sub.{i}
     done;
     !t);
  let g = Genarray.create char c_layout [| 64; 64; 64 |] in
  Genarray.fill g 'k';
  Printf.printf "char genarray 64^3: %c, %d bytes\n" (Genarray.get g [| 63; 0; 5 |])
    (Genarray.size_in_bytes g);
  (* Bigarrays with finalisers and in a weak table: all freed. *)
  let freed = ref 0 in
  let w = Weak.create 64 in
  for i = 0 to 63 do
    let a = Array1.create int8_unsigned c_layout (1 lsl 20) in
    Array1.fill a (i land 255);
    Gc.finalise (fun _ -> incr freed) a;
    Weak.set w i (Some a)
  done;
  Gc.full_major ();
  Gc.full_major ();
  let alive = ref 0 in
  for i = 0 to 63 do
    if Weak.check w i then incr alive
  done;
  Printf.printf "64 one-MiB int8 arrays: finalised %d, still in the weak array %d\n" !freed !alive

let () =
  churn ();
  majors ();
  finalisers ();
  weak ();
  bigarrays ();
  Gc.compact ();
  print_endline "gcstress: done"
