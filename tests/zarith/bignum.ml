(* bignum N DIGITS: N!, Fibonacci(N) and DIGITS digits of pi with Zarith, a unikernel's output checked against the host's. *)

(* N! as a product of Z's, checked against Zarith's own Z.fac (GMP's mpz_fac_ui). *)
let fact n =
  let rec go acc i = if i > n then acc else go (Z.mul acc (Z.of_int i)) (i + 1) in
  let p = go Z.one 2 in
  if not (Z.equal p (Z.fac n)) then failwith "N! differs from Z.fac";
  p

(* Fibonacci(N) by iteration, checked against Z.fib (mpz_fib_ui). *)
let fib n =
  let rec go a b i = if i = 0 then a else go b (Z.add a b) (i - 1) in
  let f = go Z.zero Z.one n in
  if not (Z.equal f (Z.fib n)) then failwith "Fibonacci(N) differs from Z.fib";
  f

(* arctan(1/x) scaled by [one], by its series, in fixed point. *)
let arctan_inv x one =
  let x2 = Z.mul x x in
  let rec go sum term k sign =
    if Z.equal term Z.zero then sum
    else
      let t = Z.div term (Z.of_int k) in
      let sum = if sign then Z.add sum t else Z.sub sum t in
      go sum (Z.div term x2) (k + 2) (not sign)
  in
  go Z.zero (Z.div one x) 1 true

(* The first DIGITS + 1 digits of pi (3 then DIGITS decimals), by Machin's formula with
   ten guard digits, truncated. *)
let pi digits =
  let guard = 10 in
  let one = Z.pow (Z.of_int 10) (digits + guard) in
  let p =
    Z.sub
      (Z.mul (Z.of_int 16) (arctan_inv (Z.of_int 5) one))
      (Z.mul (Z.of_int 4) (arctan_inv (Z.of_int 239) one))
  in
  Z.div p (Z.pow (Z.of_int 10) guard)

let () =
  let n = if Array.length Sys.argv > 1 then int_of_string Sys.argv.(1) else 1000 in
  let d = if Array.length Sys.argv > 2 then int_of_string Sys.argv.(2) else 1000 in
  Printf.printf "zarith %s, %d-bit\n" Z.version Sys.word_size;
  Printf.printf "fact(%d) = %s\n" n (Z.to_string (fact n));
  Printf.printf "fib(%d) = %s\n" n (Z.to_string (fib n));
  Printf.printf "pi(%d) = %s\n" d (Z.to_string (pi d));
  (* Rationals: the harmonic number H(N) as a Q, its size and the float it rounds to. *)
  let h = ref Q.zero in
  for i = 1 to n do
    h := Q.add !h (Q.make Z.one (Z.of_int i))
  done;
  Printf.printf "H(%d) = %s/... (%d digits over %d), %.17g\n" n
    (String.sub (Z.to_string (Q.num !h)) 0 (min 20 (String.length (Z.to_string (Q.num !h)))))
    (String.length (Z.to_string (Q.num !h)))
    (String.length (Z.to_string (Q.den !h)))
    (Q.to_float !h)
