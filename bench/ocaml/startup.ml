(* make bench: an OCaml program that does nothing, for the start-up time to main. *)
let () = ()
