//! Ethernet II / IPv4 / TCP frames: built with correct checksums for export, and taken apart
//! (with every length checked) for import. Only what a TCP close needs: no IP options are
//! written, TCP options are read only for the window scale a SYN offers.

use finwait_core::{Flags, Payload, Segment, Seq};
use std::fmt;

/// An IPv4 address and a TCP port.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Addr {
    pub ip: [u8; 4],
    pub port: u16,
}

impl fmt::Display for Addr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c, d] = self.ip;
        write!(f, "{a}.{b}.{c}.{d}:{}", self.port)
    }
}

/// A TCP segment with its addresses, as a frame carries it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TcpPacket {
    pub src: Addr,
    pub dst: Addr,
    /// The segment; its window is the 16-bit field as sent (not yet scaled).
    pub segment: Segment,
    /// The window scale a SYN offers (RFC 7323), if it carries the option.
    pub window_scale: Option<u8>,
}

const ETHERTYPE_IPV4: u16 = 0x0800;
const ETHERTYPE_VLAN: u16 = 0x8100;
const IP_PROTO_TCP: u8 = 6;
const ETHERNET_HEADER: usize = 14;
const IPV4_HEADER: usize = 20;
const TCP_HEADER: usize = 20;
/// IPv4's don't-fragment bit, set as Linux sets it on TCP.
const DONT_FRAGMENT: u16 = 0x4000;
const TTL: u8 = 64;

/// The frame's link layer, as pcap and pcapng number them (LINKTYPE_*).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    Ethernet,
    /// Bare IP packets (LINKTYPE_RAW and LINKTYPE_IPV4).
    Raw,
    /// Linux "cooked" captures on the `any` interface (LINKTYPE_LINUX_SLL).
    LinuxCooked,
}

impl Link {
    pub const ETHERNET: u16 = 1;

    pub fn from_linktype(linktype: u32) -> Option<Link> {
        match linktype {
            1 => Some(Link::Ethernet),
            101 | 228 => Some(Link::Raw),
            113 => Some(Link::LinuxCooked),
            _ => None,
        }
    }
}

/// Why a frame is not a TCP segment finwait can read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skip {
    /// Shorter than its headers say (or cut short by the capture's snap length).
    Truncated,
    /// Not IPv4 (IPv6, ARP, …).
    NotIpv4,
    /// IPv4 but not TCP.
    NotTcp,
    /// A fragment of a larger IPv4 packet.
    Fragment,
}

/// Locally administered MAC addresses for the two hosts (`02:…`), as tshark accepts them.
fn mac(ip: [u8; 4]) -> [u8; 6] {
    [0x02, 0x00, ip[0], ip[1], ip[2], ip[3]]
}

/// The Internet checksum (RFC 1071) of `parts`, concatenated (summed in 64 bits, so no
/// length can overflow it).
fn checksum(parts: &[&[u8]]) -> u16 {
    let mut sum: u64 = 0;
    let mut odd: Option<u8> = None;
    for part in parts {
        for &byte in *part {
            match odd.take() {
                Some(high) => sum += u64::from(u16::from_be_bytes([high, byte])),
                None => odd = Some(byte),
            }
        }
    }
    if let Some(high) = odd {
        sum += u64::from(u16::from_be_bytes([high, 0]));
    }
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

fn flag_bits(f: Flags) -> u8 {
    u8::from(f.fin) | u8::from(f.syn) << 1 | u8::from(f.rst) << 2 | u8::from(f.ack) << 4
}

/// The most payload one IPv4 packet carries with these headers.
pub const MAX_PAYLOAD: usize = u16::MAX as usize - IPV4_HEADER - TCP_HEADER;

/// An Ethernet frame carrying `segment` from `src` to `dst`. `ip_id` is the IPv4
/// identification field. The window is sent as it is, up to 65,535 (no window scaling); a
/// payload longer than an IPv4 packet holds (`MAX_PAYLOAD`, only with a huge MSS or an
/// injected segment) is cut there.
pub fn build(src: Addr, dst: Addr, segment: &Segment, ip_id: u16) -> Vec<u8> {
    let data = segment.data.as_slice();
    let data = &data[..data.len().min(MAX_PAYLOAD)];
    let tcp_len = TCP_HEADER + data.len();
    let ip_len = IPV4_HEADER + tcp_len;
    let mut f = Vec::with_capacity(ETHERNET_HEADER + ip_len);
    f.extend_from_slice(&mac(dst.ip));
    f.extend_from_slice(&mac(src.ip));
    f.extend_from_slice(&ETHERTYPE_IPV4.to_be_bytes());

    let ip_start = f.len();
    f.push(0x45);
    f.push(0);
    f.extend_from_slice(&(ip_len as u16).to_be_bytes());
    f.extend_from_slice(&ip_id.to_be_bytes());
    f.extend_from_slice(&DONT_FRAGMENT.to_be_bytes());
    f.push(TTL);
    f.push(IP_PROTO_TCP);
    f.extend_from_slice(&[0, 0]);
    f.extend_from_slice(&src.ip);
    f.extend_from_slice(&dst.ip);
    let ip_sum = checksum(&[&f[ip_start..]]);
    f[ip_start + 10..ip_start + 12].copy_from_slice(&ip_sum.to_be_bytes());

    let tcp_start = f.len();
    f.extend_from_slice(&src.port.to_be_bytes());
    f.extend_from_slice(&dst.port.to_be_bytes());
    f.extend_from_slice(&segment.seq.0.to_be_bytes());
    let ack = if segment.flags.ack { segment.ack.0 } else { 0 };
    f.extend_from_slice(&ack.to_be_bytes());
    f.push((TCP_HEADER as u8 / 4) << 4);
    f.push(flag_bits(segment.flags));
    f.extend_from_slice(&(segment.wnd.min(u32::from(u16::MAX)) as u16).to_be_bytes());
    f.extend_from_slice(&[0, 0, 0, 0]);
    f.extend_from_slice(data);
    let pseudo = pseudo_header(src.ip, dst.ip, tcp_len);
    let tcp_sum = checksum(&[&pseudo, &f[tcp_start..]]);
    f[tcp_start + 16..tcp_start + 18].copy_from_slice(&tcp_sum.to_be_bytes());
    f
}

fn pseudo_header(src: [u8; 4], dst: [u8; 4], tcp_len: usize) -> [u8; 12] {
    let mut p = [0u8; 12];
    p[..4].copy_from_slice(&src);
    p[4..8].copy_from_slice(&dst);
    p[9] = IP_PROTO_TCP;
    p[10..12].copy_from_slice(&(tcp_len as u16).to_be_bytes());
    p
}

fn be16(b: &[u8], at: usize) -> Result<u16, Skip> {
    b.get(at..at + 2).map(|s| u16::from_be_bytes([s[0], s[1]])).ok_or(Skip::Truncated)
}

fn be32(b: &[u8], at: usize) -> Result<u32, Skip> {
    b.get(at..at + 4).map(|s| u32::from_be_bytes([s[0], s[1], s[2], s[3]])).ok_or(Skip::Truncated)
}

/// Takes a captured frame apart. Checksums are not checked: captures taken on the sending host
/// often hold segments whose checksum the network card fills in later.
pub fn parse(link: Link, frame: &[u8]) -> Result<TcpPacket, Skip> {
    let ip = match link {
        Link::Raw => frame,
        Link::Ethernet => {
            let mut at = 12;
            let mut ethertype = be16(frame, at)?;
            while ethertype == ETHERTYPE_VLAN {
                at += 4;
                ethertype = be16(frame, at)?;
            }
            if ethertype != ETHERTYPE_IPV4 {
                return Err(Skip::NotIpv4);
            }
            frame.get(at + 2..).ok_or(Skip::Truncated)?
        }
        Link::LinuxCooked => {
            if be16(frame, 14)? != ETHERTYPE_IPV4 {
                return Err(Skip::NotIpv4);
            }
            frame.get(16..).ok_or(Skip::Truncated)?
        }
    };
    let first = *ip.first().ok_or(Skip::Truncated)?;
    if first >> 4 != 4 {
        return Err(Skip::NotIpv4);
    }
    let ihl = usize::from(first & 0x0f) * 4;
    let total = usize::from(be16(ip, 2)?);
    if ihl < IPV4_HEADER || total < ihl {
        return Err(Skip::Truncated);
    }
    if ip.len() < total {
        return Err(Skip::Truncated);
    }
    let fragment = be16(ip, 6)?;
    if fragment & 0x3fff != 0 {
        return Err(Skip::Fragment);
    }
    if ip[9] != IP_PROTO_TCP {
        return Err(Skip::NotTcp);
    }
    let src_ip = [ip[12], ip[13], ip[14], ip[15]];
    let dst_ip = [ip[16], ip[17], ip[18], ip[19]];
    let tcp = &ip[ihl..total];
    let offset = usize::from(*tcp.get(12).ok_or(Skip::Truncated)? >> 4) * 4;
    if offset < TCP_HEADER || tcp.len() < offset {
        return Err(Skip::Truncated);
    }
    let bits = tcp[13];
    let flags = Flags { fin: bits & 0x01 != 0, syn: bits & 0x02 != 0, rst: bits & 0x04 != 0, ack: bits & 0x10 != 0 };
    let segment = Segment {
        flags,
        seq: Seq(be32(tcp, 4)?),
        ack: Seq(if flags.ack { be32(tcp, 8)? } else { 0 }),
        wnd: u32::from(be16(tcp, 14)?),
        data: Payload::new(&tcp[offset..]),
    };
    let window_scale = if flags.syn { window_scale(&tcp[TCP_HEADER..offset]) } else { None };
    Ok(TcpPacket {
        src: Addr { ip: src_ip, port: be16(tcp, 0)? },
        dst: Addr { ip: dst_ip, port: be16(tcp, 2)? },
        segment,
        window_scale,
    })
}

/// The window-scale option (kind 3, RFC 7323 §2.2) among a SYN's options.
fn window_scale(mut options: &[u8]) -> Option<u8> {
    while let Some(&kind) = options.first() {
        match kind {
            0 => return None,
            1 => options = &options[1..],
            _ => {
                let len = usize::from(*options.get(1)?);
                if len < 2 || options.len() < len {
                    return None;
                }
                if kind == 3 && len == 3 {
                    return Some(options[2].min(14));
                }
                options = &options[len..];
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(last: u8, port: u16) -> Addr {
        Addr { ip: [192, 0, 2, last], port }
    }

    fn fin_with_data() -> Segment {
        Segment { flags: Flags::FIN_ACK, seq: Seq(1001), ack: Seq(5001), wnd: 70_000, data: Payload::new(b"bye") }
    }

    /// etherparse, a well-kept parser, reads what `build` writes and finds both checksums right.
    #[test]
    fn etherparse_reads_the_frame_and_agrees_on_the_checksums() {
        let frame = build(addr(1, 49152), addr(2, 80), &fin_with_data(), 7);
        let p = etherparse::SlicedPacket::from_ethernet(&frame).unwrap();
        let Some(etherparse::NetSlice::Ipv4(ip)) = p.net else { panic!("not IPv4") };
        let h = ip.header();
        assert_eq!(h.to_header().calc_header_checksum(), h.header_checksum());
        assert!(h.dont_fragment() && h.ttl() == 64 && h.identification() == 7);
        let Some(etherparse::TransportSlice::Tcp(tcp)) = p.transport else { panic!("not TCP") };
        assert!(tcp.fin() && tcp.ack() && !tcp.syn() && !tcp.rst());
        assert_eq!((tcp.sequence_number(), tcp.acknowledgment_number()), (1001, 5001));
        assert_eq!(tcp.window_size(), 65535, "a window above 16 bits is sent as the largest");
        assert_eq!(tcp.payload(), b"bye");
        let want = tcp.to_header().calc_checksum_ipv4_raw(h.source(), h.destination(), tcp.payload()).unwrap();
        assert_eq!(tcp.checksum(), want);
    }

    #[test]
    fn a_huge_payload_is_cut_to_what_an_ipv4_packet_holds_with_a_right_checksum() {
        let seg = Segment { data: Payload::new(&vec![0xff; 200_000]), ..fin_with_data() };
        let frame = build(addr(1, 1), addr(2, 2), &seg, 1);
        assert_eq!(frame.len(), ETHERNET_HEADER + u16::MAX as usize);
        let p = etherparse::SlicedPacket::from_ethernet(&frame).unwrap();
        let Some(etherparse::NetSlice::Ipv4(ip)) = p.net else { panic!("not IPv4") };
        let Some(etherparse::TransportSlice::Tcp(tcp)) = p.transport else { panic!("not TCP") };
        let h = ip.header();
        let want = tcp.to_header().calc_checksum_ipv4_raw(h.source(), h.destination(), tcp.payload()).unwrap();
        assert_eq!(tcp.checksum(), want);
    }

    #[test]
    fn parse_reads_back_what_build_wrote() {
        let seg = fin_with_data();
        let p = parse(Link::Ethernet, &build(addr(1, 49152), addr(2, 80), &seg, 1)).unwrap();
        assert_eq!((p.src, p.dst), (addr(1, 49152), addr(2, 80)));
        assert_eq!(p.segment, Segment { wnd: 65535, ..seg });
        assert_eq!(p.window_scale, None);
    }

    #[test]
    fn every_cut_of_a_frame_is_refused_without_a_panic() {
        let frame = build(addr(1, 1), addr(2, 2), &fin_with_data(), 1);
        for len in 0..frame.len() {
            assert_eq!(parse(Link::Ethernet, &frame[..len]), Err(Skip::Truncated), "cut at {len}");
        }
    }

    #[test]
    fn other_protocols_are_named() {
        let mut frame = build(addr(1, 1), addr(2, 2), &fin_with_data(), 1);
        frame[ETHERNET_HEADER + 9] = 17;
        assert_eq!(parse(Link::Ethernet, &frame), Err(Skip::NotTcp));
        frame[12..14].copy_from_slice(&0x86ddu16.to_be_bytes());
        assert_eq!(parse(Link::Ethernet, &frame), Err(Skip::NotIpv4));
    }

    #[test]
    fn a_syn_offers_its_window_scale() {
        assert_eq!(window_scale(&[2, 4, 5, 0xb4, 4, 2, 8, 10, 1, 2, 3, 4, 5, 6, 7, 8, 1, 3, 3, 7]), Some(7));
        assert_eq!(window_scale(&[1, 1, 3]), None, "an option cut short");
        assert_eq!(window_scale(&[2, 0]), None, "a zero length");
    }
}
