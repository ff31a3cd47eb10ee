(* What the runtime's OS calls give a unikernel: no files, no directories, no processes, stdin at end of file. *)
let try_ f =
  try f (); "ok" with
  | Sys_error m -> "Sys_error " ^ m
  | e -> Printexc.to_string e

let () =
  Printf.printf "executable_name: %s\n" Sys.executable_name;
  Printf.printf "os_type: %s\n" Sys.os_type;
  Printf.printf "open_in: %s\n" (try_ (fun () -> ignore (open_in "/etc/passwd")));
  Printf.printf "open_out: %s\n" (try_ (fun () -> ignore (open_out "x")));
  Printf.printf "readdir: %s\n" (try_ (fun () -> ignore (Sys.readdir ".")));
  Printf.printf "chdir: %s\n" (try_ (fun () -> Sys.chdir "/"));
  Printf.printf "file_exists: %b\n" (Sys.file_exists ".");
  Printf.printf "command: %s\n" (try_ (fun () -> ignore (Sys.command "true")));
  Printf.printf "getenv HOME: %s\n" (match Sys.getenv_opt "HOME" with None -> "none" | Some h -> h);
  Printf.printf "read_line: %s\n" (try_ (fun () -> ignore (read_line ())));
  let t0 = Sys.time () in
  let r = ref 0 in
  for i = 1 to 20_000_000 do r := !r + i land 3 done;
  Printf.printf "time advances: %b (%d)\n" (Sys.time () > t0) !r;
  Random.self_init ();
  Printf.printf "random: %b\n" (Random.bits () >= 0)
