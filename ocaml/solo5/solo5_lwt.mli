(* Kiln's OCaml device library, Lwt part: Lwt's main loop over solo5_yield, sleeping and waiting for frames. *)

(** Lwt for Solo5 unikernels (findlib package [solo5.lwt]): a main loop that
    sleeps in [solo5_yield] until the next timer or a network device's frame,
    as [Lwt_main] (of [lwt.unix], which a unikernel cannot link) does in
    [select]. *)

val run : 'a Lwt.t -> 'a
(** [run p] runs Lwt's promises until [p] resolves, and gives its value (or
    raises its exception). Between rounds it yields to the host until the
    earliest {!sleep_ns} deadline or until a device someone waits for
    ({!wait_for}) is ready. [Failure] if [p] is pending and nothing could ever
    resolve it (no timer, no device waited for, no paused promise). *)

val sleep_ns : int64 -> unit Lwt.t
(** Resolves after this many nanoseconds of the monotonic clock; cancelable. *)

val wait_for : Solo5.handle -> unit Lwt.t
(** Resolves when [solo5_yield] reports this handle ready (a frame to read);
    cancelable. *)

module Net : sig
  val read :
    Solo5.Net.t -> ?off:int -> ?len:int -> Bytes.t -> (int, Solo5.error) result Lwt.t
  (** {!Solo5.Net.read}, waiting for a frame instead of failing with [Again]. *)
end
