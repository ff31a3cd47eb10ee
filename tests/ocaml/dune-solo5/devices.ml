(* The device library's clocks, yield, Lwt loop, command line, errors and exit, for tests/ocaml_devices.bats. *)

let () =
  Solo5.console_write "devices: console_write\n";
  Solo5.console_write ~off:2 ~len:5 "xxpartyy";
  Solo5.console_write "\n";
  Printf.printf "wall: %Ld\n" (Int64.div (Solo5.clock_wall ()) 1_000_000_000L);
  (* yield with no device: returns at the deadline, an empty ready set. *)
  let t0 = Solo5.clock_monotonic () in
  let set = Solo5.yield (Int64.add t0 100_000_000L) in
  let dt = Int64.sub (Solo5.clock_monotonic ()) t0 in
  Printf.printf "yield 100 ms: ready set %Ld, waited >= 100 ms: %b\n" set (dt >= 100_000_000L);
  (* Lwt: two sleepers resolve in order of their deadlines; pick cancels the later. *)
  let order = ref [] in
  let sleeper ms name =
    Lwt.map (fun () -> order := name :: !order) (Solo5_lwt.sleep_ns (Int64.of_int (ms * 1_000_000)))
  in
  let t0 = Solo5.clock_monotonic () in
  Solo5_lwt.run (Lwt.join [ sleeper 60 "b"; sleeper 30 "a" ]);
  let r = Solo5_lwt.run (Lwt.pick [ Lwt.map (fun () -> "short") (Solo5_lwt.sleep_ns 20_000_000L);
                                    Lwt.map (fun () -> "long") (Solo5_lwt.sleep_ns 10_000_000_000L) ]) in
  (* The canceled sleeper is forgotten: nothing is left to wait for. *)
  let never =
    match Solo5_lwt.run (fst (Lwt.wait ())) with
    | () -> "returned"
    | exception Failure m -> m
  in
  let dt = Int64.sub (Solo5.clock_monotonic ()) t0 in
  Printf.printf "lwt: %s, pick %s, 80 ms <= elapsed < 5 s: %b\nlwt: %s\n"
    (String.concat " " (List.rev !order)) r (dt >= 80_000_000L && dt < 5_000_000_000L) never;
  (match Solo5.Net.acquire "nosuch", Solo5.Block.acquire "nosuch" with
  | Error Solo5.Invalid, Error Solo5.Invalid -> print_endline "acquire nosuch: Invalid, Invalid"
  | _ -> print_endline "acquire nosuch: not Invalid");
  (match Solo5.console_write ~off:6 ~len:5 "short" with
  | () -> print_endline "bad range accepted"
  | exception Invalid_argument m -> print_endline ("bad range: Invalid_argument " ^ m));
  Printf.printf "argv: %s; --key: %s\n"
    (String.concat " " (List.tl (Array.to_list (Solo5.argv ()))))
    (Option.value (Solo5.arg "key") ~default:"none");
  Solo5.exit (match Solo5.arg "exit" with Some s -> int_of_string s | None -> 0)
