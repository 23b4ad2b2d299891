//! The bytes a segment carries, an application sends or reads. A payload is a view into a
//! shared buffer: a segment, its copy waiting for retransmission, the network's copy, the
//! trace's record of it and the bytes it delivered are one buffer between them, and cutting a
//! segment out of what the application queued copies nothing. So a run's memory grows with
//! what the applications send, not with how often those bytes are handled.

use std::fmt;
use std::ops::{Deref, Range};
use std::rc::Rc;

/// Immutable bytes, cheap to clone (a reference count). Compared by content.
#[derive(Clone, Default)]
pub struct Payload {
    /// `None` for no bytes at all (most segments), so an empty payload allocates nothing. A
    /// `Vec` behind the count, so that bytes made as a `Vec` are shared without a copy.
    buf: Option<Rc<Vec<u8>>>,
    start: u32,
    end: u32,
}

impl Payload {
    /// A payload of these bytes (the one place bytes are copied into a shared buffer).
    pub fn new(bytes: &[u8]) -> Payload {
        Payload::from(bytes.to_vec())
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn as_slice(&self) -> &[u8] {
        match &self.buf {
            Some(b) => &b[self.start as usize..self.end as usize],
            None => &[],
        }
    }

    /// The bytes in `range` (relative to this payload), sharing the buffer.
    pub fn slice(&self, range: Range<usize>) -> Payload {
        let len = self.len();
        let (from, to) = (range.start.min(len), range.end.min(len));
        if from >= to {
            return Payload::default();
        }
        Payload { buf: self.buf.clone(), start: self.start + from as u32, end: self.start + to as u32 }
    }

    /// Takes the first `n` bytes off the front, sharing the buffer.
    pub fn split_to(&mut self, n: usize) -> Payload {
        let front = self.slice(0..n);
        self.start += front.len() as u32;
        if self.is_empty() {
            *self = Payload::default();
        }
        front
    }
}

impl From<Vec<u8>> for Payload {
    fn from(bytes: Vec<u8>) -> Payload {
        if bytes.is_empty() {
            return Payload::default();
        }
        // Payloads come from a limited send or injection (limits::PAYLOAD_BYTES), or from a
        // read of what those delivered (limits::RUN_BYTES): far below 4 GiB.
        let end = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
        Payload { buf: Some(Rc::new(bytes)), start: 0, end }
    }
}

impl From<&[u8]> for Payload {
    fn from(bytes: &[u8]) -> Payload {
        Payload::new(bytes)
    }
}

impl<const N: usize> From<&[u8; N]> for Payload {
    fn from(bytes: &[u8; N]) -> Payload {
        Payload::new(bytes)
    }
}

impl From<&str> for Payload {
    fn from(text: &str) -> Payload {
        Payload::new(text.as_bytes())
    }
}

impl Deref for Payload {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.as_slice()
    }
}

impl PartialEq for Payload {
    fn eq(&self, other: &Payload) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Payload {}

impl PartialEq<[u8]> for Payload {
    fn eq(&self, other: &[u8]) -> bool {
        self.as_slice() == other
    }
}

impl PartialEq<Vec<u8>> for Payload {
    fn eq(&self, other: &Vec<u8>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl fmt::Debug for Payload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match std::str::from_utf8(self) {
            Ok(text) => write!(f, "{text:?}"),
            Err(_) => write!(f, "{:?}", self.as_slice()),
        }
    }
}

/// Bytes queued in order, as payloads: what an application has sent and its TCP not yet, or
/// what has arrived and its application not yet read. Taking bytes from the front shares the
/// buffers unless the bytes taken span two of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ByteQueue {
    chunks: std::collections::VecDeque<Payload>,
    len: usize,
}

impl ByteQueue {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn push(&mut self, bytes: Payload) {
        if !bytes.is_empty() {
            self.len += bytes.len();
            self.chunks.push_back(bytes);
        }
    }

    pub fn clear(&mut self) {
        self.chunks.clear();
        self.len = 0;
    }

    /// The first `n` bytes (or all, if fewer), taken off the queue.
    pub fn take(&mut self, n: usize) -> Payload {
        let n = n.min(self.len);
        if n == 0 {
            return Payload::default();
        }
        self.len -= n;
        let Some(front) = self.chunks.front_mut() else { return Payload::default() };
        if front.len() > n {
            return front.split_to(n);
        }
        if front.len() == n {
            return self.chunks.pop_front().unwrap_or_default();
        }
        if let Some(joined) = self.take_contiguous(n) {
            return joined;
        }
        let mut bytes = Vec::with_capacity(n);
        while bytes.len() < n {
            let Some(front) = self.chunks.front_mut() else { break };
            let part = front.split_to(n - bytes.len());
            bytes.extend_from_slice(&part);
            if front.is_empty() {
                self.chunks.pop_front();
            }
        }
        Payload::from(bytes)
    }

    /// The first `n` bytes as one slice, if the chunks they span lie end to end in one buffer
    /// (an application's filler bytes do: see `Payload::filler`) — no copy then.
    fn take_contiguous(&mut self, n: usize) -> Option<Payload> {
        let first = self.chunks.front()?;
        let mut end = first.end;
        let mut covered = first.len();
        let mut whole = 1;
        for next in self.chunks.iter().skip(1) {
            if !next.continues(first.buf.as_ref()?, end) {
                return None;
            }
            if covered + next.len() > n {
                break;
            }
            covered += next.len();
            end = next.end;
            whole += 1;
            if covered == n {
                break;
            }
        }
        let joined = Payload { buf: first.buf.clone(), start: first.start, end: first.start + n as u32 };
        let rest = n - covered;
        if rest > 0 && self.chunks.get(whole).is_none_or(|c| c.len() < rest) {
            return None;
        }
        self.chunks.drain(..whole);
        if rest > 0 {
            if let Some(front) = self.chunks.front_mut() {
                front.split_to(rest);
            }
        }
        Some(joined)
    }
}

impl Payload {
    /// This payload begins in `buf` exactly at `at`: it continues a slice that ends there.
    fn continues(&self, buf: &Rc<Vec<u8>>, at: u32) -> bool {
        self.buf.as_ref().is_some_and(|b| Rc::ptr_eq(b, buf)) && self.start == at
    }

    /// `n` filler bytes starting at `offset` in a host's stream of letters (`first`, the
    /// letter after it, …, cycling through 26). They are slices of one buffer per host and
    /// thread, cut so that consecutive sends lie end to end in it: a segment that takes the end
    /// of one send and the start of the next, and a read of many, share it too.
    pub fn filler(first: u8, offset: u64, n: usize) -> Payload {
        /// The pattern repeats every 26 bytes; slices start within one period of this many.
        const PERIOD: usize = 26 * 2_520;
        thread_local! {
            static BUFFERS: std::cell::RefCell<Vec<(u8, Rc<Vec<u8>>)>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        if n == 0 {
            return Payload::default();
        }
        let start = (offset % PERIOD as u64) as usize;
        BUFFERS.with(|buffers| {
            let mut buffers = buffers.borrow_mut();
            let fits = |b: &Rc<Vec<u8>>| b.len() >= start + n;
            let found = buffers.iter().position(|(f, b)| *f == first && fits(b));
            let buf = match found {
                Some(i) => buffers[i].1.clone(),
                None => {
                    let len = (PERIOD + n).next_power_of_two();
                    let bytes: Vec<u8> = (0..len).map(|i| first + (i % 26) as u8).collect();
                    let buf = Rc::new(bytes);
                    buffers.retain(|(f, _)| *f != first);
                    buffers.push((first, buf.clone()));
                    buf
                }
            };
            let end = u32::try_from(start + n).unwrap_or(u32::MAX);
            Payload { buf: Some(buf), start: start as u32, end }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_share_the_buffer_and_compare_by_content() {
        let p = Payload::from(b"hello world".to_vec());
        let hello = p.slice(0..5);
        assert_eq!(hello, Payload::from("hello"));
        assert_eq!(p.slice(6..100).as_slice(), b"world");
        assert!(p.slice(20..30).is_empty());
        let mut rest = p.clone();
        assert_eq!(rest.split_to(6).as_slice(), b"hello ");
        assert_eq!(rest.as_slice(), b"world");
        assert_eq!(Payload::default(), Payload::from(Vec::new()));
    }

    #[test]
    fn filler_sends_lie_end_to_end_and_are_taken_without_a_copy() {
        let mut q = ByteQueue::default();
        q.push(Payload::filler(b'a', 0, 30));
        q.push(Payload::filler(b'a', 30, 30));
        let segment = q.take(40);
        assert_eq!(segment.as_slice(), &(0..40).map(|i| b'a' + (i % 26) as u8).collect::<Vec<_>>()[..]);
        assert_eq!(q.take(100).as_slice(), b"opqrstuvwxyzabcdefgh");
        // A send of text between them is copied across.
        q.push(Payload::filler(b'A', 0, 5));
        q.push("xy".into());
        assert_eq!(q.take(7).as_slice(), b"ABCDExy");
    }

    #[test]
    fn a_queue_hands_out_bytes_in_order_across_its_buffers() {
        let mut q = ByteQueue::default();
        q.push("abc".into());
        q.push(Payload::default());
        q.push("defg".into());
        assert_eq!(q.len(), 7);
        assert_eq!(q.take(2).as_slice(), b"ab");
        assert_eq!(q.take(3).as_slice(), b"cde", "across two sends");
        assert_eq!(q.take(10).as_slice(), b"fg");
        assert!(q.is_empty() && q.take(1).is_empty());
    }
}
