(* Kiln example in OCaml: answers ARP and ICMP echo (ping) on net device "service", with Lwt's main loop over solo5_yield. *)

(* Options: --ipv4=ADDR (default 10.0.0.2), the address it answers for;
   --count=N, exit after N echo replies (default: never); --idle=S, exit when no
   frame arrives for S seconds (default: never). *)

let ipv4 s =
  match List.map int_of_string_opt (String.split_on_char '.' s) with
  | [ Some a; Some b; Some c; Some d ]
    when List.for_all (fun x -> x >= 0 && x < 256) [ a; b; c; d ] ->
      String.init 4 (fun i -> Char.chr (List.nth [ a; b; c; d ] i))
  | _ ->
      prerr_endline ("ping: not an IPv4 address: " ^ s);
      exit 1

let int_arg key =
  Option.map
    (fun v ->
      match int_of_string_opt v with
      | Some n when n > 0 -> n
      | _ ->
          prerr_endline ("ping: --" ^ key ^ " wants a positive number: " ^ v);
          exit 1)
    (Solo5.arg key)

(* The Internet checksum of len bytes of b from off. *)
let checksum b off len =
  let sum = ref 0 in
  for i = 0 to (len / 2) - 1 do
    sum := !sum + Bytes.get_uint16_be b (off + (2 * i))
  done;
  if len land 1 = 1 then sum := !sum + (Bytes.get_uint8 b (off + len - 1) lsl 8);
  while !sum > 0xffff do
    sum := (!sum land 0xffff) + (!sum lsr 16)
  done;
  lnot !sum land 0xffff

(* Replies are made in place: the frame's Ethernet source becomes its destination. *)
let to_sender b mac =
  Bytes.blit b 6 b 0 6;
  Bytes.blit_string mac 0 b 6 6

(* An ARP request for ip: the reply, in place. *)
let arp b len mac ip =
  len >= 42
  && Bytes.get_uint16_be b 14 = 1
  && Bytes.get_uint16_be b 16 = 0x0800
  && Bytes.get_uint16_be b 20 = 1
  && Bytes.sub_string b 38 4 = ip
  && begin
       to_sender b mac;
       Bytes.set_uint16_be b 20 2;
       Bytes.blit b 22 b 32 10;
       Bytes.blit_string mac 0 b 22 6;
       Bytes.blit_string ip 0 b 28 4;
       true
     end

(* An ICMP echo request to ip: the echo reply, in place. *)
let echo b len mac ip =
  let ihl = 4 * (Bytes.get_uint8 b 14 land 0xf) in
  let total = if len >= 34 then Bytes.get_uint16_be b 16 else 0 in
  len >= 34
  && Bytes.get_uint8 b 14 lsr 4 = 4
  && ihl >= 20
  && total >= ihl + 8
  && 14 + total <= len
  && Bytes.get_uint8 b 23 = 1
  && Bytes.sub_string b 30 4 = ip
  && Bytes.get_uint8 b (14 + ihl) = 8
  && begin
       to_sender b mac;
       Bytes.blit b 26 b 30 4;
       Bytes.blit_string ip 0 b 26 4;
       Bytes.set_uint8 b 22 64;
       Bytes.set_uint16_be b 24 0;
       Bytes.set_uint16_be b 24 (checksum b 14 ihl);
       let icmp = 14 + ihl in
       Bytes.set_uint8 b icmp 0;
       Bytes.set_uint16_be b (icmp + 2) 0;
       Bytes.set_uint16_be b (icmp + 2) (checksum b icmp (total - ihl));
       true
     end

let () =
  let net =
    match Solo5.Net.acquire "service" with
    | Ok n -> n
    | Error e ->
        prerr_endline ("ping: no net device 'service': " ^ Solo5.string_of_error e);
        exit 1
  in
  let ip = ipv4 (Option.value (Solo5.arg "ipv4") ~default:"10.0.0.2") in
  let count = int_arg "count" and idle = int_arg "idle" in
  let mac = Solo5.Net.mac net in
  Printf.printf "ping: %s, MAC %s, MTU %d\n%!"
    (String.concat "." (List.init 4 (fun i -> string_of_int (Char.code ip.[i]))))
    (String.concat ":" (List.init 6 (fun i -> Printf.sprintf "%02x" (Char.code mac.[i]))))
    (Solo5.Net.mtu net);
  let buf = Bytes.create (Solo5.Net.mtu net + 14) in
  let replies = ref 0 in
  (* A frame, or None after idle seconds without one. *)
  let next () =
    let frame = Lwt.map Option.some (Solo5_lwt.Net.read net buf) in
    match idle with
    | None -> frame
    | Some s ->
        Lwt.pick
          [ frame; Lwt.map (fun () -> None) (Solo5_lwt.sleep_ns (Int64.mul 1_000_000_000L (Int64.of_int s))) ]
  in
  let rec loop () =
    if Some !replies = count then Lwt.return "done"
    else
      Lwt.bind (next ()) (function
        | None -> Lwt.return "idle"
        | Some (Error e) -> Lwt.fail_with ("read: " ^ Solo5.string_of_error e)
        | Some (Ok len) ->
            let is_echo = Bytes.get_uint16_be buf 12 = 0x0800 && echo buf len mac ip in
            if is_echo then incr replies;
            if is_echo || (Bytes.get_uint16_be buf 12 = 0x0806 && arp buf len mac ip) then (
              match Solo5.Net.write net ~len buf with
              | Ok () -> ()
              | Error e -> prerr_endline ("ping: write: " ^ Solo5.string_of_error e));
            loop ())
  in
  let why = Solo5_lwt.run (loop ()) in
  Printf.printf "ping: %s, replies: %d\n" why !replies
