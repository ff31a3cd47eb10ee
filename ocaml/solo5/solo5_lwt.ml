(* Kiln's OCaml device library, Lwt part: Lwt's main loop over solo5_yield, sleeping and waiting for frames. *)

(* Sleepers by (deadline, sequence number): the earliest first, ties in order. *)
module Timers = Map.Make (struct
  type t = int64 * int

  let compare = compare
end)

let timers = ref Timers.empty
let seq = ref 0

(* Who waits for each handle (0 to 63). *)
let waiters : unit Lwt.u list array = Array.make 64 []

(* Both are cancelable (Lwt.pick, Lwt.cancel): a canceled one is forgotten. *)
let sleep_ns ns =
  let p, u = Lwt.task () in
  let deadline = Int64.add (Solo5.clock_monotonic ()) (max 0L ns) in
  incr seq;
  let key = (deadline, !seq) in
  timers := Timers.add key u !timers;
  Lwt.on_cancel p (fun () -> timers := Timers.remove key !timers);
  p

let wait_for h =
  if h < 0 || h > 63 then invalid_arg "Solo5_lwt.wait_for";
  let p, u = Lwt.task () in
  waiters.(h) <- u :: waiters.(h);
  Lwt.on_cancel p (fun () -> waiters.(h) <- List.filter (( != ) u) waiters.(h));
  p

(* Wakes the sleepers whose deadline is at most now; true if there were any. *)
let wake_timers now =
  (* No key is (now, max_int): split leaves every deadline <= now in due. *)
  let due, _, later = Timers.split (now, max_int) !timers in
  timers := later;
  Timers.iter (fun _ u -> Lwt.wakeup_later u ()) due;
  not (Timers.is_empty due)

(* Wakes who waits for a handle of the ready set; true if anyone. *)
let wake_ready set =
  let woke = ref false in
  for h = 0 to 63 do
    if Solo5.ready set h && waiters.(h) <> [] then begin
      let us = List.rev waiters.(h) in
      waiters.(h) <- [];
      List.iter (fun u -> Lwt.wakeup_later u ()) us;
      woke := true
    end
  done;
  !woke

let anyone_waits () = Array.exists (fun l -> l <> []) waiters

let run p =
  let rec loop () =
    Lwt.wakeup_paused ();
    match Lwt.state p with
    | Lwt.Return v -> v
    | Lwt.Fail e -> raise e
    | Lwt.Sleep ->
        let now = Solo5.clock_monotonic () in
        if wake_timers now || Lwt.paused_count () > 0 then loop ()
        else begin
          let deadline =
            match Timers.min_binding_opt !timers with
            | Some ((d, _), _) -> d
            | None ->
                if not (anyone_waits ()) then
                  failwith "Solo5_lwt.run: nothing can resolve the promise";
                Int64.add now 3_600_000_000_000L
          in
          ignore (wake_ready (Solo5.yield deadline));
          loop ()
        end
  in
  loop ()

module Net = struct
  let rec read net ?off ?len buf =
    match Solo5.Net.read net ?off ?len buf with
    | Error Solo5.Again ->
        Lwt.bind (wait_for (Solo5.Net.handle net)) (fun () -> read net ?off ?len buf)
    | r -> Lwt.return r
end
