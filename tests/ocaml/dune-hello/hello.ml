(* A dune-built unikernel using Debian's fmt: prints with Fmt, exits with argv's code. *)
let () =
  let args = List.tl (Array.to_list Sys.argv) in
  Fmt.pr "dune hello: %a@." Fmt.(Dump.list int) [ 1; 2; 3 ];
  Fmt.pr "args: %a@." Fmt.(list ~sep:(any ", ") (quote string)) args;
  Fmt.pr "%s@." (Fmt.str "%a|%a" Fmt.(option ~none:(any "none") int) None Fmt.(pair ~sep:(any " ") bool float) (true, 1.5));
  match args with
  | [ "exit"; n ] -> exit (int_of_string n)
  | _ -> ()
