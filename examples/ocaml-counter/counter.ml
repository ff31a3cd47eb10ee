(* Kiln example in OCaml: a counter on block device "storage"; each run adds one (examples/counter in OCaml). *)

let fail fmt = Printf.ksprintf (fun s -> prerr_endline ("counter: " ^ s); exit 1) fmt

let () =
  let disk =
    match Solo5.Block.acquire "storage" with
    | Ok d -> d
    | Error e -> fail "no block device 'storage' (%s)" (Solo5.string_of_error e)
  in
  (* Every I/O moves whole, aligned sectors: here sector 0. *)
  let sector = Bytes.create (Solo5.Block.block_size disk) in
  (match Solo5.Block.read disk 0L sector with
  | Ok () -> ()
  | Error e -> fail "cannot read sector 0 (%s)" (Solo5.string_of_error e));
  (* The counter: the first 8 bytes of sector 0, little-endian (zeroed: 0). *)
  let count = Int64.succ (Bytes.get_int64_le sector 0) in
  Bytes.set_int64_le sector 0 count;
  (match Solo5.Block.write disk 0L sector with
  | Ok () -> ()
  | Error e -> fail "cannot write sector 0 (%s)" (Solo5.string_of_error e));
  (* Ok: durable on the host's disk; Unspecified: the host cannot flush (a Solo5
     v0.12 tender), so the write is only as durable as its page cache. *)
  match Solo5.Block.flush disk with
  | Ok () -> Printf.printf "counter: %Lu\n" count
  | Error Solo5.Unspecified ->
      Printf.printf "counter: %Lu (not flushed: the host cannot)\n" count
  | Error e -> fail "cannot flush (%s)" (Solo5.string_of_error e)
