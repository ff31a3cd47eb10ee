(* Kiln's OCaml device library: the Solo5 API over the C primitives of solo5_stubs.c. *)

type error = Again | Invalid | Unspecified

let string_of_error = function
  | Again -> "try again"
  | Invalid -> "invalid argument"
  | Unspecified -> "unspecified error"

(* The stubs' result codes: 0 OK, 1 AGAIN, 2 EINVAL, 3 EUNSPEC. *)
let error_of_code = function 1 -> Again | 2 -> Invalid | _ -> Unspecified
let unit_result code = if code = 0 then Ok () else Error (error_of_code code)

(* A count (>= 0), or minus a code. *)
let count_result n = if n >= 0 then Ok n else Error (error_of_code (-n))

let span name ?(off = 0) ?len total =
  let len = match len with Some l -> l | None -> total - off in
  if off < 0 || len < 0 || off > total - len then invalid_arg name;
  (off, len)

external console_write_ : string -> int -> int -> unit
  = "kiln_solo5_console_write"

let console_write ?off ?len s =
  let off, len = span "Solo5.console_write" ?off ?len (String.length s) in
  console_write_ s off len

external clock_monotonic : unit -> int64 = "kiln_solo5_clock_monotonic"
external clock_wall : unit -> int64 = "kiln_solo5_clock_wall"

type handle = int
type handle_set = int64

external yield : int64 -> handle_set = "kiln_solo5_yield"

let ready set h =
  h >= 0 && h < 64 && Int64.logand set (Int64.shift_left 1L h) <> 0L

module Net = struct
  type t = { handle : handle; mac : string; mtu : int }

  external acquire_ : string -> (handle * string * int, int) result
    = "kiln_solo5_net_acquire"

  external read_ : handle -> Bytes.t -> int -> int -> int
    = "kiln_solo5_net_read"

  external write_ : handle -> Bytes.t -> int -> int -> int
    = "kiln_solo5_net_write"

  let acquire name =
    match acquire_ name with
    | Ok (handle, mac, mtu) -> Ok { handle; mac; mtu }
    | Error code -> Error (error_of_code code)

  let handle t = t.handle
  let mac t = t.mac
  let mtu t = t.mtu

  let read t ?off ?len buf =
    let off, len = span "Solo5.Net.read" ?off ?len (Bytes.length buf) in
    count_result (read_ t.handle buf off len)

  let write t ?off ?len buf =
    let off, len = span "Solo5.Net.write" ?off ?len (Bytes.length buf) in
    unit_result (write_ t.handle buf off len)
end

module Block = struct
  type t = { handle : handle; block_size : int; capacity : int64 }

  external acquire_ : string -> (handle * int * int64, int) result
    = "kiln_solo5_block_acquire"

  external read_ : handle -> int64 -> Bytes.t -> int -> int -> int
    = "kiln_solo5_block_read"

  external write_ : handle -> int64 -> Bytes.t -> int -> int -> int
    = "kiln_solo5_block_write"

  external flush_ : handle -> int = "kiln_solo5_block_flush"
  external max_request_ : handle -> int = "kiln_solo5_block_max_request"

  let acquire name =
    match acquire_ name with
    | Ok (handle, block_size, capacity) -> Ok { handle; block_size; capacity }
    | Error code -> Error (error_of_code code)

  let handle t = t.handle
  let block_size t = t.block_size
  let capacity t = t.capacity

  let max_request t =
    count_result (max_request_ t.handle)

  let read t offset ?off ?len buf =
    let off, len = span "Solo5.Block.read" ?off ?len (Bytes.length buf) in
    unit_result (read_ t.handle offset buf off len)

  let write t offset ?off ?len buf =
    let off, len = span "Solo5.Block.write" ?off ?len (Bytes.length buf) in
    unit_result (write_ t.handle offset buf off len)

  let flush t = unit_result (flush_ t.handle)
end

let argv () = Sys.argv

let arg key =
  let prefix = "--" ^ key ^ "=" in
  let n = String.length prefix in
  Array.fold_left
    (fun found a ->
      if String.length a >= n && String.sub a 0 n = prefix then
        Some (String.sub a n (String.length a - n))
      else found)
    None
    (if Array.length Sys.argv > 0 then
       Array.sub Sys.argv 1 (Array.length Sys.argv - 1)
     else [||])

(* Stdlib.exit runs at_exit's functions, then the C runtime's exit calls solo5_exit. *)
let exit = Stdlib.exit

external abort : unit -> 'a = "kiln_solo5_abort"
