(* Kiln's OCaml device library: the Solo5 API (solo5.h) for OCaml unikernels. *)

(** The devices and services of a Solo5 unikernel (Kiln's [solo5.h]): the console,
    clocks, waiting with a deadline, network and block devices, the command line
    and exit. Devices are those the unikernel's manifest declares, by name. Buffers
    are [Bytes.t] with an offset and a length; an offset or length outside the
    buffer raises [Invalid_argument]. *)

(** What a device call can fail with (Solo5's [solo5_result_t] other than OK). *)
type error =
  | Again  (** nothing to do now (no frame to read): retry later *)
  | Invalid  (** an invalid argument: no such device, a bad offset or size *)
  | Unspecified  (** some other failure *)

val string_of_error : error -> string

(** {1 Console} *)

val console_write : ?off:int -> ?len:int -> string -> unit
(** [console_write s] writes [s] (or [len] bytes of it from [off]) to the console,
    unbuffered (OCaml's [stdout] and [stderr] reach the console too, buffered). *)

(** {1 Clocks and waiting} *)

val clock_monotonic : unit -> int64
(** Nanoseconds since an unspecified point in the past; never goes back. *)

val clock_wall : unit -> int64
(** Nanoseconds since 1970-01-01 00:00 UTC. *)

type handle = int
(** A device's handle: its index in the manifest, 1 to 63. *)

type handle_set = int64
(** A set of handles: bit [h] for handle [h]. *)

val yield : int64 -> handle_set
(** [yield deadline] waits until the monotonic clock reaches [deadline] or a
    network device has a frame to read, and returns the set of the devices that
    have (empty: the deadline passed). A deadline in the past only polls. *)

val ready : handle_set -> handle -> bool
(** [ready set h]: handle [h] is in [set]. *)

(** {1 Network devices} *)

module Net : sig
  type t

  val acquire : string -> (t, error) result
  (** The manifest's [NET_BASIC] device of this name ([Invalid] if none). *)

  val handle : t -> handle

  val mac : t -> string
  (** Its MAC address, 6 bytes. *)

  val mtu : t -> int
  (** Its MTU, without the 14 bytes of the Ethernet header: a frame is at most
      [mtu t + 14] bytes. *)

  val read : t -> ?off:int -> ?len:int -> Bytes.t -> (int, error) result
  (** [read t buf] copies one received frame into [buf] (at [off], at most [len]
      bytes; [len] must be at least [mtu t + 14]) and gives its length; [Again]
      when there is none (wait for it with {!yield}). Never blocks. *)

  val write : t -> ?off:int -> ?len:int -> Bytes.t -> (unit, error) result
  (** [write t buf] sends one frame (all of [buf], or [len] bytes from [off]):
      at least 14 and at most [mtu t + 14] bytes. Never blocks. *)
end

(** {1 Block devices} *)

module Block : sig
  type t

  val acquire : string -> (t, error) result
  (** The manifest's [BLOCK_BASIC] device of this name ([Invalid] if none). *)

  val handle : t -> handle

  val block_size : t -> int
  (** The only unit of I/O, in bytes: offsets and sizes are multiples of it. *)

  val capacity : t -> int64
  (** Its size in bytes. *)

  val max_request : t -> (int, error) result
  (** The largest size one read or write takes (a multiple of [block_size], at
      least 1 MiB). *)

  val read : t -> int64 -> ?off:int -> ?len:int -> Bytes.t -> (unit, error) result
  (** [read t offset buf] fills [buf] (or [len] bytes of it from [off]) with the
      device's bytes at [offset]. *)

  val write : t -> int64 -> ?off:int -> ?len:int -> Bytes.t -> (unit, error) result
  (** [write t offset buf]: the reverse; done when it returns [Ok]. *)

  val flush : t -> (unit, error) result
  (** [Ok] once every write before it is durable on the host; [Unspecified] if
      the host cannot flush this device (a Solo5 v0.12 tender). *)
end

(** {1 Command line and exit} *)

val argv : unit -> string array
(** The unikernel's command line, split at spaces: the tender's arguments after
    the kernel, [argv.(0)] the program's name ([Sys.argv]). *)

val arg : string -> string option
(** [arg key]: the value of the last [--key=value] of the command line, if any
    (the role of MirageOS's boot variables). *)

val exit : int -> 'a
(** Ends the unikernel with this status (the low 8 bits), after [at_exit]'s
    functions (flushing [stdout]), as [Stdlib.exit]. *)

val abort : unit -> 'a
(** Ends it at once, abnormally: status 255, nothing flushed. *)
