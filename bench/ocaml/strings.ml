(* make bench: a string workload (formatting, concatenation, splitting, hashing, sorting) as a unikernel and natively. *)
(* Each round formats numbers into a Buffer, splits the text into words, maps and joins
   them, counts them in a Hashtbl keyed by string, and sorts the distinct words; it
   prints a checksum of each round, which the bench compares between the two builds. *)
let round n =
  let b = Buffer.create 4096 in
  for i = 0 to 2999 do
    Buffer.add_string b (Printf.sprintf "w%d-%x " ((i * 7919) + n) (i mod 97));
    if i mod 50 = 0 then Buffer.add_char b '\n'
  done;
  let text = Buffer.contents b in
  let words =
    List.concat_map (String.split_on_char ' ') (String.split_on_char '\n' text)
    |> List.filter (fun w -> w <> "")
  in
  let counts = Hashtbl.create 1024 in
  List.iter
    (fun w ->
      let k = String.uppercase_ascii (String.sub w 0 (min 4 (String.length w))) in
      Hashtbl.replace counts k (1 + Option.value ~default:0 (Hashtbl.find_opt counts k)))
    words;
  let keys = List.sort compare (Hashtbl.fold (fun k _ acc -> k :: acc) counts []) in
  let joined = String.concat "," keys in
  let rev = String.init (String.length joined) (fun i -> joined.[String.length joined - 1 - i]) in
  Hashtbl.hash (text, joined, rev) + List.length words

let () =
  let rounds = if Array.length Sys.argv > 1 then int_of_string Sys.argv.(1) else 300 in
  let sum = ref 0 in
  for n = 1 to rounds do
    sum := (!sum * 31) + round n land 0x3fffffff
  done;
  Printf.printf "%d rounds, checksum %d\n" rounds !sum
