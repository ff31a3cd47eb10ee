(* An OCaml unikernel's basics: console output, argv, exit codes, an uncaught exception, the GC. *)
let gc_churn () =
  let l = List.init 200_000 (fun i -> i) in
  let t = Hashtbl.create 16 in
  List.iter (fun i -> if i mod 7 = 0 then Hashtbl.replace t i (string_of_int i)) l;
  Gc.compact ();
  let s = List.fold_left ( + ) 0 l in
  Printf.printf "gc: sum %d, table %d, major collections > 0: %b\n" s (Hashtbl.length t)
    ((Gc.quick_stat ()).Gc.major_collections > 0)

let () =
  print_endline "Hello from OCaml";
  Printf.printf "argc %d:%s\n" (Array.length Sys.argv)
    (String.concat "" (List.map (fun a -> " [" ^ a ^ "]") (List.tl (Array.to_list Sys.argv))));
  match Array.to_list Sys.argv with
  | _ :: "raise" :: _ -> failwith "raised on purpose"
  | _ :: "gc" :: _ -> gc_churn (); exit 0
  | _ :: "exit" :: n :: _ -> exit (int_of_string n)
  | _ -> ()
