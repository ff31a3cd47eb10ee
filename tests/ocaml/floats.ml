(* Float printing and parsing, for comparison with the same program run natively on Linux. *)
let fixed =
  [ 0.; -0.; 1.; 0.1; 1. /. 3.; 1e23; 5e-324; 2.2250738585072014e-308; max_float; min_float;
    epsilon_float; nan; infinity; neg_infinity; 123456789012345680.; 1e-7; 1e15; 1e16; 100.;
    4. *. atan 1.; 9007199254740993.; 0.3; 2.5; -1.5e-10 ]

(* Deterministic bit patterns: a 64-bit LCG, its high bits as a double. *)
let random n =
  let s = ref 0x2545F4914F6CDD1DL in
  List.init n (fun _ ->
      s := Int64.add (Int64.mul !s 6364136223846793005L) 1442695040888963407L;
      Int64.float_of_bits !s)

let parsed =
  [ "0.1"; "1e-400"; "1e400"; "0x1.8p1"; "1_000.5"; "4.9406564584124654e-324";
    "2.4703282292062327e-324"; "2.4703282292062328e-324"; "1.7976931348623157e308";
    "1.7976931348623158e308"; "123456789012345678901234567890"; "-0"; "nan"; "-inf";
    "0.30000000000000004"; "9007199254740993"; "2.2250738585072011e-308" ]

(* An x is the hex prefix only in "0x" right after the sign: Linux refuses the first four. *)
let prefixed = [ "0.x00a"; "00x1"; "0.0x8"; "-00x1p3"; "0x1p3"; "-0X1.8"; "0x"; "0x.p1" ]

let () =
  print_endline "BEGIN";
  let bad = ref 0 in
  List.iter
    (fun x ->
      let g = Printf.sprintf "%.17g" x in
      let y = float_of_string g in
      if Int64.bits_of_float y <> Int64.bits_of_float x && x = x then incr bad;
      Printf.printf "%s %s %h %e %.3f\n" (string_of_float x) g x x x)
    (fixed @ random 3000);
  List.iter
    (fun s -> Printf.printf "%s -> %Ld\n" s (Int64.bits_of_float (float_of_string s)))
    parsed;
  List.iter
    (fun s ->
      match float_of_string_opt s with
      | Some x -> Printf.printf "%s -> %h\n" s x
      | None -> Printf.printf "%s -> refused\n" s)
    prefixed;
  Printf.printf "%.0f\n" max_float;
  Printf.printf "roundtrip failures: %d\n" !bad;
  print_endline "END"
