//! The sequence-diagram timeline: time flows down, one lifeline per host, each segment a
//! slanted line from its sending to its arrival. This module turns a trace and a time cursor
//! into shapes with coordinates; the timeline component only draws them.

use super::time_axis::{Break, TimeAxis, STACK_PX};
use finwait_core::network::LossCause;
use finwait_core::trace::{EventKind, Origin};
use finwait_core::{Host, Segment, SegmentId, State, Time, Trace};
pub use finwait_messages::events::NoteKind;
use finwait_messages::{events, Lang};
use std::rc::Rc;

/// The timeline's columns, in SVG units: the time gutter, the notes beside each lifeline, and
/// the lane between the lifelines where segments travel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dims {
    pub gutter: f64,
    pub notes: f64,
    pub lane: f64,
}

impl Dims {
    /// A laptop or a tablet: 748 units, drawn about 1:1 to 1.3:1.
    pub const WIDE: Dims = Dims { gutter: 64.0, notes: 128.0, lane: 420.0 };
    /// A phone: both lifelines and the lane between them in about 430 units, so a 360 px
    /// screen draws them at a readable scale.
    pub const NARROW: Dims = Dims { gutter: 42.0, notes: 86.0, lane: 206.0 };

    /// A's lifeline.
    pub fn x_a(self) -> f64 {
        self.gutter + self.notes
    }

    /// B's lifeline.
    pub fn x_b(self) -> f64 {
        self.x_a() + self.lane
    }

    pub fn x_of(self, host: Host) -> f64 {
        match host {
            Host::A => self.x_a(),
            Host::B => self.x_b(),
        }
    }

    pub fn width(self) -> f64 {
        self.x_b() + self.notes + 8.0
    }
}

/// How segments are labelled: in full (`#3 FIN,ACK seq=1001 ack=5001`) or short (`#3 FIN 1001`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Labels {
    Full,
    Compact,
}

/// Minimum vertical distance between two notes beside a lifeline.
const NOTE_GAP: f64 = 15.0;

/// What kind of segment, for its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegClass {
    Syn,
    Fin,
    Rst,
    Data,
    Ack,
}

impl SegClass {
    pub fn of(seg: &Segment) -> SegClass {
        if seg.flags.rst {
            SegClass::Rst
        } else if seg.flags.syn {
            SegClass::Syn
        } else if seg.flags.fin {
            SegClass::Fin
        } else if !seg.data.is_empty() {
            SegClass::Data
        } else {
            SegClass::Ack
        }
    }

    pub fn css(self) -> &'static str {
        match self {
            SegClass::Syn => "syn",
            SegClass::Fin => "fin",
            SegClass::Rst => "rst",
            SegClass::Data => "data",
            SegClass::Ack => "ack",
        }
    }
}

/// How a segment's line ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// It arrived (an arrowhead at the receiver).
    Arrived,
    /// It is on its way at the cursor: a dot where it is now.
    Flying,
    /// It never arrived: a ✕ where it was lost.
    Lost(LossCause),
    /// It waits in the network.
    Held,
}

/// A point of a segment's path, with the time it is there.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PathPoint {
    pub x: f64,
    pub y: f64,
    pub t: Time,
}

/// A segment's line, as far as the run is computed. What it looks like at the time cursor
/// (which part is past, where the segment is now) comes from `at`.
#[derive(Clone, Debug, PartialEq)]
pub struct Arrow {
    pub id: SegmentId,
    pub from: Host,
    pub class: SegClass,
    pub origin: Origin,
    /// The whole path, in time order (shared: a layout made after the run has grown keeps the
    /// settled arrows of the one before).
    pub path: Rc<[PathPoint]>,
    /// How the line ends at the head of the run.
    pub ending: Ending,
    /// When the segment arrived or was lost, if it has by the head.
    pub ended_at: Option<Time>,
    pub sent: Time,
    pub label: String,
    /// The short form of the label, for where the full one has no room.
    pub short_label: String,
    /// Label anchor and rotation (degrees) along the first leg of the path.
    pub label_x: f64,
    pub label_y: f64,
    pub angle: f64,
    /// An old duplicate from an earlier connection arrived.
    pub stale: bool,
    /// The vertical extent, for drawing only what is visible.
    pub y_min: f64,
    pub y_max: f64,
    /// The box its label covers, as `place_labels` placed it (see `label_box`).
    placed_box: Quad,
}

/// An arrow seen from a time cursor.
#[derive(Clone, Debug, PartialEq)]
pub struct ArrowAt {
    /// Path up to the cursor (solid).
    pub past: Vec<PathPoint>,
    /// Path after the cursor (faint): what will happen if nothing changes.
    pub future: Vec<PathPoint>,
    pub ending: Ending,
    /// Where the segment is at the cursor, if it is in the network then.
    pub now: Option<(f64, f64)>,
    /// Sent after the cursor.
    pub is_future: bool,
}

impl Arrow {
    /// What the arrow looks like at `cursor`: only the visible arrows are asked, so moving the
    /// cursor costs nothing for the rest of a long run.
    pub fn at(&self, cursor: Time) -> ArrowAt {
        let (past, future, now) = split_at(&self.path, cursor);
        let ending = match self.ended_at {
            Some(t) if t > cursor => Ending::Flying,
            _ => self.ending,
        };
        ArrowAt { past, future, now, ending, is_future: self.sent > cursor }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    pub host: Host,
    pub state: State,
    /// When the state began.
    pub at: Time,
    pub y0: f64,
    pub y1: f64,
}

/// Text beside a lifeline: a state change, an application call, an error (its words and kind
/// come from `finwait_messages::events::note`).
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub host: Host,
    pub kind: NoteKind,
    pub text: String,
    /// Where the text stands: at its event's height, pushed down to avoid the note before it.
    pub y: f64,
    pub at: Time,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub y: f64,
    pub at: Time,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub dims: Dims,
    pub height: f64,
    pub axis: TimeAxis,
    pub bands: Vec<Band>,
    pub arrows: Vec<Arrow>,
    pub notes: Vec<Note>,
    pub ticks: Vec<Tick>,
    pub breaks: Vec<Break>,
    /// What it was laid out from (for `layout_after`).
    source: Source,
}

/// What a layout was made from: which run (its `epoch`, see `layout_after`), how much of its
/// trace, up to which head, and how.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Source {
    epoch: u64,
    head: Time,
    dims: Dims,
    labels: Labels,
    lang: Lang,
}

impl Layout {
    /// The height of the time cursor: below everything that happens at that instant.
    pub fn cursor_y(&self, cursor: Time) -> f64 {
        self.axis.y(cursor) + stack_extra(&self.axis, cursor)
    }
}

/// Lays out everything in `trace` (computed up to `head`), in phases: each segment's life, the
/// time axis, the arrows and their labels, the state bands, the notes, the ticks. The time
/// cursor is applied when drawing (`Arrow::at`), so this runs only when the trace changes.
pub fn layout(trace: &Trace, head: Time, dims: Dims, labels: Labels, lang: Lang) -> Layout {
    lay_out(None, trace, head, Source { epoch: 0, head, dims, labels, lang })
}

/// `layout(trace, head, dims, labels, lang)`, reusing `before` where the trace has only grown
/// since: `epoch` names the run, and stays the same as long as its trace is only added to (the
/// run goes on, or the user acts at its head). What lies wholly before the old head stays as
/// it was — the axis there, the arrows of the segments that had ended by then and of all sent
/// before them, their labels, the notes and the ticks — and only the rest is laid out again: a
/// click at the head of a run of 10,000 segments lays out a handful of arrows, not all of
/// them. Epoch 0 never matches.
pub fn layout_after(
    before: &Layout,
    trace: &Trace,
    head: Time,
    dims: Dims,
    labels: Labels,
    lang: Lang,
    epoch: u64,
) -> Layout {
    let source = Source { epoch, head, dims, labels, lang };
    let old = before.source;
    let grown = epoch != 0 && old.epoch == epoch && (old.dims, old.labels, old.lang) == (dims, labels, lang);
    lay_out((grown && old.head <= head).then_some(before), trace, head, source)
}

fn lay_out(before: Option<&Layout>, trace: &Trace, head: Time, source: Source) -> Layout {
    let Source { dims, labels, lang, .. } = source;
    let lives = Lives::of(trace);
    let slots = Slots::of(&lives);
    let axis = time_axis(trace, head, &lives, &slots);
    // Everything strictly before the old head is as it was.
    let old_head = before.map_or(Time::ZERO, |b| b.source.head);
    let settled = |t: Time| t < old_head;
    let kept_arrows = before
        .map_or(0, |b| b.arrows.iter().take_while(|a| settled(a.sent) && a.ended_at.is_some_and(settled)).count());
    let mut arrows: Vec<Arrow> = before.map_or_else(Vec::new, |b| b.arrows[..kept_arrows].to_vec());
    arrows.extend(new_arrows(&lives, &slots, &axis, head, dims, labels, kept_arrows));
    place_labels(&mut arrows, kept_arrows);
    let end_y = axis.end_y() + 24.0;
    let bands = bands(trace, &axis, end_y);
    let from_event = trace.events.partition_point(|e| settled(e.at));
    let kept_notes = before.map_or(&[][..], |b| &b.notes[..b.notes.partition_point(|n| settled(n.at))]);
    let notes = notes(trace, &axis, lang, kept_notes, from_event);
    let kept_ticks = before.map_or(&[][..], |b| &b.ticks[..b.ticks.partition_point(|t| settled(t.at))]);
    let ticks = ticks(trace, &axis, kept_ticks, from_event);
    let note_end = notes.iter().map(|n| n.y).fold(0.0, f64::max);
    Layout {
        dims,
        height: end_y.max(note_end + 24.0),
        breaks: axis.breaks().to_vec(),
        axis,
        bands,
        arrows,
        notes,
        ticks,
        source,
    }
}

/// A segment's life as the trace tells it.
struct Life {
    from: Host,
    segment: Segment,
    origin: Origin,
    sent: Time,
    arrives: Option<Time>,
    held_at: Option<Time>,
    /// When it was due before it was held.
    arrives_before_hold: Option<Time>,
    released_at: Option<Time>,
    arrived: Option<Time>,
    lost: Option<(Time, LossCause)>,
    stale: bool,
}

impl Life {
    /// When it reaches (or would reach) its receiver's lifeline, if it does.
    fn arrival(&self) -> Option<Time> {
        self.arrived.or(if self.lost.is_none() { self.arrives } else { None })
    }
}

/// Phase 1: every segment's life, indexed by id (ids count up from 1 in sending order).
struct Lives {
    order: Vec<SegmentId>,
    by_id: Vec<Option<Life>>,
}

impl Lives {
    fn of(trace: &Trace) -> Lives {
        let mut lives = Lives { order: Vec::new(), by_id: Vec::new() };
        for e in &trace.events {
            match &e.kind {
                EventKind::Segment { id, from, segment, origin, arrives, .. } => {
                    lives.order.push(*id);
                    let slot = slot_of(*id);
                    if lives.by_id.len() <= slot {
                        lives.by_id.resize_with(slot + 1, || None);
                    }
                    lives.by_id[slot] = Some(Life {
                        from: *from,
                        segment: segment.clone(),
                        origin: *origin,
                        sent: e.at,
                        arrives: *arrives,
                        held_at: arrives.is_none().then_some(e.at),
                        arrives_before_hold: None,
                        released_at: None,
                        arrived: None,
                        lost: None,
                        stale: false,
                    });
                }
                EventKind::Rescheduled { id, arrives } => {
                    if let Some(l) = lives.get_mut(*id) {
                        match arrives {
                            None => {
                                l.held_at = Some(e.at);
                                l.arrives_before_hold = l.arrives;
                                l.arrives = None;
                            }
                            Some(t) if l.arrives.is_none() => {
                                l.released_at = Some(e.at);
                                l.arrives = Some(*t);
                            }
                            Some(t) => l.arrives = Some(*t),
                        }
                    }
                }
                EventKind::Arrived { id, stale, .. } => {
                    if let Some(l) = lives.get_mut(*id) {
                        l.arrived = Some(e.at);
                        l.stale = *stale;
                    }
                }
                EventKind::Lost { id, cause } => {
                    if let Some(l) = lives.get_mut(*id) {
                        l.lost = Some((e.at, *cause));
                    }
                }
                _ => {}
            }
        }
        lives
    }

    fn get(&self, id: SegmentId) -> Option<&Life> {
        self.by_id.get(slot_of(id)).and_then(Option::as_ref)
    }

    fn get_mut(&mut self, id: SegmentId) -> Option<&mut Life> {
        self.by_id.get_mut(slot_of(id)).and_then(Option::as_mut)
    }

    /// Every segment, in sending order.
    fn iter(&self) -> impl Iterator<Item = (SegmentId, &Life)> {
        self.order.iter().filter_map(|id| self.get(*id).map(|l| (*id, l)))
    }
}

fn slot_of(id: SegmentId) -> usize {
    id.0 as usize
}

/// Phase 2a: items at one instant on one host (sends, or arrivals) stand one below the other;
/// which place each takes, and how many stand at each instant.
struct Slots {
    send: Vec<usize>,
    arrive: Vec<usize>,
    /// (instant, items standing there), by time.
    stack: Vec<(Time, usize)>,
}

impl Slots {
    fn of(lives: &Lives) -> Slots {
        // Ordered by (instant, host, arrival before send, segment), packed into one key.
        let key = |t: Time, h: Host, send: bool, id: SegmentId| {
            u128::from(t.ms()) << 64 | (h.index() as u128) << 33 | u128::from(send) << 32 | u128::from(id.0)
        };
        let mut keys: Vec<u128> = Vec::new();
        for (id, l) in lives.iter() {
            keys.push(key(l.sent, l.from, true, id));
            if let Some(t) = l.arrival() {
                keys.push(key(t, l.from.peer(), false, id));
            }
        }
        finwait_core::order::sort(&mut keys);
        let ends: Vec<(Time, Host, bool, SegmentId)> = keys
            .iter()
            .map(|&k| {
                let host = if k >> 33 & 1 == 0 { Host::A } else { Host::B };
                (Time((k >> 64) as u64), host, k >> 32 & 1 == 1, SegmentId(k as u32))
            })
            .collect();
        let mut slots =
            Slots { send: vec![0; lives.by_id.len()], arrive: vec![0; lives.by_id.len()], stack: Vec::new() };
        for (i, &(t, h, send, id)) in ends.iter().enumerate() {
            let slot = match i.checked_sub(1).map(|j| ends[j]) {
                Some((pt, ph, psend, pid)) if (pt, ph, psend) == (t, h, send) => {
                    1 + if send { slots.send[slot_of(pid)] } else { slots.arrive[slot_of(pid)] }
                }
                _ => 0,
            };
            if send {
                slots.send[slot_of(id)] = slot;
            } else {
                slots.arrive[slot_of(id)] = slot;
            }
            match slots.stack.last_mut() {
                Some((lt, n)) if *lt == t => *n = (*n).max(slot + 1),
                _ => slots.stack.push((t, slot + 1)),
            }
        }
        slots
    }

    fn at(&self, t: Time) -> usize {
        self.stack.binary_search_by_key(&t, |(lt, _)| *lt).map_or(0, |i| self.stack[i].1)
    }
}

/// Phase 2b: the axis through every instant something happens, with room for what stands
/// together (segments, or notes on the busier host).
fn time_axis(trace: &Trace, head: Time, lives: &Lives, slots: &Slots) -> TimeAxis {
    let mut times: Vec<Time> = trace.events.iter().map(|e| e.at).collect();
    times.push(head);
    times.extend(lives.iter().filter_map(|(_, l)| l.arrival()));
    let notes = note_counts(trace);
    let notes_at = |t: Time| notes.binary_search_by_key(&t, |(nt, _)| *nt).map_or(0, |i| notes[i].1);
    TimeAxis::new(times, |t| slots.at(t).max(notes_at(t)))
}

/// How many notes stand at each instant on the busier host, in time order (instants without
/// notes left out).
fn note_counts(trace: &Trace) -> Vec<(Time, usize)> {
    let mut counts: Vec<(Time, usize)> = Vec::new();
    let mut here = (Time::ZERO, [0usize; 2]);
    for e in &trace.events {
        if e.at != here.0 {
            if here.1 != [0, 0] {
                counts.push((here.0, here.1[0].max(here.1[1])));
            }
            here = (e.at, [0, 0]);
        }
        if let Some(host) = events::note_host(&e.kind) {
            here.1[host.index()] += 1;
        }
    }
    if here.1 != [0, 0] {
        counts.push((here.0, here.1[0].max(here.1[1])));
    }
    counts
}

/// Phase 3: each segment's line, from its sending to its arrival (or where it was lost, or
/// where it waits while held) — all but the first `skip`, which the caller has.
fn new_arrows(
    lives: &Lives,
    slots: &Slots,
    axis: &TimeAxis,
    head: Time,
    dims: Dims,
    labels: Labels,
    skip: usize,
) -> Vec<Arrow> {
    let x_of = |h: Host| dims.x_of(h);
    let mut arrows = Vec::with_capacity(lives.order.len().saturating_sub(skip));
    for (id, l) in lives.iter().skip(skip) {
        let start = PathPoint { x: x_of(l.from), y: axis.y_slot(l.sent, slots.send[slot_of(id)]), t: l.sent };
        let end_at = |t: Time| PathPoint { x: x_of(l.from.peer()), y: axis.y_slot(t, slots.arrive[slot_of(id)]), t };
        let mut path = vec![start];
        let ending;
        if let Some(held) = l.held_at {
            // It waits where it was when it was held: part of the way along its line (about
            // half-way when a rule held it as it was sent).
            let f = match l.arrives_before_hold {
                Some(due) if held > l.sent && due > l.sent => {
                    ((held.ms() - l.sent.ms()) as f64 / (due.ms() - l.sent.ms()) as f64).clamp(0.1, 0.9)
                }
                _ => 0.45,
            };
            let x = start.x + (x_of(l.from.peer()) - start.x) * f;
            path.push(PathPoint { x, y: axis.y(held), t: held });
            match (l.released_at, l.arrived.or(l.arrives), l.lost) {
                (_, _, Some((t, cause))) => {
                    path.push(PathPoint { x, y: axis.y(t), t });
                    ending = Ending::Lost(cause);
                }
                (Some(r), Some(a), None) => {
                    path.push(PathPoint { x, y: axis.y(r), t: r });
                    path.push(end_at(a));
                    ending = if l.arrived.is_some() { Ending::Arrived } else { Ending::Flying };
                }
                _ => {
                    path.push(PathPoint { x, y: axis.y(head), t: head });
                    ending = Ending::Held;
                }
            }
        } else if let Some((t, cause)) = l.lost {
            // Lost on the way: the line stops where the segment was, or nearly half-way when a
            // rule dropped it as it was sent.
            let nominal = l.arrives.unwrap_or(l.sent);
            let target = end_at(nominal);
            let f = if t <= l.sent || nominal <= l.sent {
                0.45
            } else {
                ((t.ms() - l.sent.ms()) as f64 / (nominal.ms() - l.sent.ms()) as f64).clamp(0.1, 0.9)
            };
            path.push(PathPoint { x: start.x + (target.x - start.x) * f, y: start.y + (target.y - start.y) * f, t });
            ending = Ending::Lost(cause);
        } else {
            let a = l.arrived.or(l.arrives).unwrap_or(l.sent);
            path.push(end_at(a));
            ending = if l.arrived.is_some() { Ending::Arrived } else { Ending::Flying };
        }
        let (p0, p1) = (path[0], path[1]);
        let angle = (p1.y - p0.y).atan2(p1.x - p0.x).to_degrees();
        let y_min = path.iter().map(|p| p.y).fold(f64::INFINITY, f64::min);
        let y_max = path.iter().map(|p| p.y).fold(f64::NEG_INFINITY, f64::max);
        let short_label = events::segment_label_compact(id, &l.segment);
        let label = match labels {
            Labels::Full => events::segment_label(id, &l.segment),
            Labels::Compact => short_label.clone(),
        };
        arrows.push(Arrow {
            id,
            from: l.from,
            class: SegClass::of(&l.segment),
            origin: l.origin,
            path: path.into(),
            ending,
            ended_at: l.arrived.or(l.lost.map(|(t, _)| t)),
            sent: l.sent,
            label,
            short_label,
            label_x: 0.0,
            label_y: 0.0,
            angle: if l.from == Host::B { angle + 180.0 } else { angle },
            stale: l.stale,
            y_min,
            y_max,
            placed_box: [(0.0, 0.0); 4],
        });
    }
    arrows
}

/// Phase 5: each host's states as bands along its lifeline.
fn bands(trace: &Trace, axis: &TimeAxis, end_y: f64) -> Vec<Band> {
    let mut bands = Vec::new();
    for host in Host::BOTH {
        let states = trace.states(host);
        for (i, (t, state)) in states.iter().enumerate() {
            let y1 = states.get(i + 1).map_or(end_y, |(t1, _)| axis.y(*t1));
            bands.push(Band { host, state: *state, at: *t, y0: axis.y(*t), y1 });
        }
    }
    bands
}

/// Phase 6: the notes beside each lifeline, each pushed down below the one before it on the
/// same side: `kept`, then those of the events from `from` on.
fn notes(trace: &Trace, axis: &TimeAxis, lang: Lang, kept: &[Note], from: usize) -> Vec<Note> {
    let mut last = [f64::NEG_INFINITY; 2];
    for n in kept {
        last[n.host.index()] = n.y;
    }
    let mut notes = kept.to_vec();
    notes.extend(trace.events[from..].iter().filter_map(|e| {
        let note = events::note(lang, &e.kind)?;
        let side = &mut last[note.host.index()];
        let y = axis.y(e.at).max(*side + NOTE_GAP);
        *side = y;
        Some(Note { host: note.host, kind: note.kind, text: note.text, y, at: e.at })
    }));
    notes
}

/// Phase 7: time labels in the gutter, one per instant where there is room: `kept`, then those
/// of the events from `from` on.
fn ticks(trace: &Trace, axis: &TimeAxis, kept: &[Tick], from: usize) -> Vec<Tick> {
    let mut ticks = kept.to_vec();
    let mut last = kept.last().map_or(f64::NEG_INFINITY, |t| t.y);
    let mut previous = kept.last().map(|t| t.at);
    for e in &trace.events[from..] {
        if previous != Some(e.at) {
            previous = Some(e.at);
            let y = axis.y(e.at);
            if y - last >= NOTE_GAP {
                ticks.push(Tick { y, at: e.at });
                last = y;
            }
        }
    }
    ticks
}

/// The width of one character of a segment label (10.5 px monospace), in SVG units.
const LABEL_CHAR: f64 = 6.3;
/// How far a label's glyphs reach above and below its baseline, in SVG units.
const LABEL_ASCENT: f64 = 8.5;
const LABEL_DESCENT: f64 = 3.0;
/// Room kept between two labels.
const LABEL_MARGIN: f64 = 1.5;

/// A label's box: its four corners, as the rotated text covers them.
pub type Quad = [(f64, f64); 4];

impl Arrow {
    /// The box the label covers where it stands.
    pub fn label_box(&self) -> Quad {
        let frame = LabelFrame::of(self);
        frame.quad(frame.lead_of(self.label_x, self.label_y), frame.off_of(self.label_x, self.label_y), frame.width)
    }
}

/// Coordinates along a segment's first leg: `lead` along the line from the sender, `off` across
/// it (positive above the text's baseline direction).
struct LabelFrame {
    p0: PathPoint,
    ux: f64,
    uy: f64,
    side: f64,
    len: f64,
    width: f64,
}

impl LabelFrame {
    fn of(a: &Arrow) -> LabelFrame {
        LabelFrame::with_width(a, a.label.chars().count() as f64 * LABEL_CHAR)
    }

    fn with_width(a: &Arrow, width: f64) -> LabelFrame {
        let (p0, p1) = (a.path[0], a.path[1]);
        let (dx, dy) = (p1.x - p0.x, p1.y - p0.y);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let side = if a.from == Host::A { 1.0 } else { -1.0 };
        LabelFrame { p0, ux: dx / len, uy: dy / len, side, len, width }
    }

    fn at(&self, lead: f64, off: f64) -> (f64, f64) {
        let (nx, ny) = (self.uy * self.side, -self.ux * self.side);
        (self.p0.x + self.ux * lead + nx * off, self.p0.y + self.uy * lead + ny * off)
    }

    fn lead_of(&self, x: f64, y: f64) -> f64 {
        (x - self.p0.x) * self.ux + (y - self.p0.y) * self.uy
    }

    fn off_of(&self, x: f64, y: f64) -> f64 {
        let (nx, ny) = (self.uy * self.side, -self.ux * self.side);
        (x - self.p0.x) * nx + (y - self.p0.y) * ny
    }

    /// The box of a label of `width` whose baseline starts at (`lead`, `off`).
    fn quad(&self, lead: f64, off: f64, width: f64) -> Quad {
        let (lo, hi) = (off - LABEL_DESCENT, off + LABEL_ASCENT);
        [self.at(lead, lo), self.at(lead + width, lo), self.at(lead + width, hi), self.at(lead, hi)]
    }
}

/// Puts each segment's label along the first leg of its line: above it near the sender where
/// there is room, else half-way, else near the receiver, else below it — whichever does not
/// cover a label placed before it (segments sent close together, or a copy on its original's
/// line, would otherwise print their labels over each other). A line cut short where its
/// segment was lost keeps its label before the ✕. The labels of the first `from` arrows are
/// in place already.
fn place_labels(arrows: &mut [Arrow], from: usize) {
    /// How far the baseline stands off the line: above it, or below it by a text's height.
    const ABOVE: f64 = 4.0;
    const BELOW: f64 = -13.0;
    /// A further row of labels, for lines that run close together (a copy on its original).
    const ROW: f64 = 13.0;
    /// The ✕ at a lost segment's end takes this much of its line.
    const CROSS: f64 = 20.0;
    // Each placed label's box, with the rectangle around it for a quick first test and the
    // lowest edge of any box placed up to it: the scan back from the newest label stops where
    // no earlier box reaches down to the one being tried.
    let mut placed: Vec<(Bounds, Quad, f64)> = Vec::with_capacity(arrows.len());
    for a in &arrows[..from] {
        let b = Bounds::of(&a.placed_box);
        let lowest = placed.last().map_or(b.y1, |(_, _, l)| l.max(b.y1));
        placed.push((b, a.placed_box, lowest));
    }
    for a in arrows[from..].iter_mut() {
        // Lost where its first leg ends (the ✕ stands there).
        let lost_here = matches!(a.ending, Ending::Lost(_))
            && a.path.last().is_some_and(|e| (e.x - a.path[1].x).abs() < 1.0 && (e.y - a.path[1].y).abs() < 1.0);
        let free = |q: &Quad| {
            let b = Bounds::of(q);
            !placed
                .iter()
                .rev()
                .take_while(|(_, _, lowest)| *lowest >= b.y0)
                .any(|(pb, p, _)| pb.meets(&b) && quads_overlap(p, q))
        };
        // The full label where it has room, else (on a stub cut by its ✕) the short one.
        let mut found = None;
        let texts = if lost_here && a.short_label != a.label { 2 } else { 1 };
        for text in [a.label.clone(), a.short_label.clone()].into_iter().take(texts) {
            let f = LabelFrame::with_width(a, text.chars().count() as f64 * LABEL_CHAR);
            let room = if lost_here { f.len - CROSS } else { f.len };
            // Near the sender, half-way, near the receiver; above the line, below it, then a
            // row further out on each side.
            let leads = [14.0, (room - f.width) / 2.0, room - f.width - 14.0];
            let fits = |lead: f64| lead >= 0.0 && (!lost_here || lead + f.width <= room);
            let spot = [ABOVE, BELOW, ABOVE + ROW, BELOW - ROW]
                .into_iter()
                .flat_map(|off| leads.map(|lead| (lead, off)))
                .find(|&(lead, off)| fits(lead) && free(&f.quad(lead, off, f.width)));
            if let Some(spot) = spot {
                found = Some((text, f, spot));
                break;
            }
        }
        let (text, f, spot) = found.unwrap_or_else(|| (a.label.clone(), LabelFrame::of(a), (14.0, ABOVE)));
        a.label = text;
        (a.label_x, a.label_y) = f.at(spot.0, spot.1);
        let q = f.quad(spot.0, spot.1, f.width);
        a.placed_box = q;
        let b = Bounds::of(&q);
        let lowest = placed.last().map_or(b.y1, |(_, _, l)| l.max(b.y1));
        placed.push((b, q, lowest));
    }
}

/// The upright rectangle around a box, widened by `LABEL_MARGIN`.
struct Bounds {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Bounds {
    fn of(q: &Quad) -> Bounds {
        let (xs, ys) = (q.map(|p| p.0), q.map(|p| p.1));
        let min = |v: [f64; 4]| v.into_iter().fold(f64::INFINITY, f64::min);
        let max = |v: [f64; 4]| v.into_iter().fold(f64::NEG_INFINITY, f64::max);
        Bounds {
            x0: min(xs) - LABEL_MARGIN,
            y0: min(ys) - LABEL_MARGIN,
            x1: max(xs) + LABEL_MARGIN,
            y1: max(ys) + LABEL_MARGIN,
        }
    }

    fn meets(&self, other: &Bounds) -> bool {
        self.x0 <= other.x1 && other.x0 <= self.x1 && self.y0 <= other.y1 && other.y0 <= self.y1
    }
}

/// Whether two convex boxes overlap, with `LABEL_MARGIN` to spare (separating axes).
pub fn quads_overlap(a: &Quad, b: &Quad) -> bool {
    let axes = [(a[0], a[1]), (a[1], a[2]), (b[0], b[1]), (b[1], b[2])];
    !axes.iter().any(|&((x0, y0), (x1, y1))| {
        let (ex, ey) = (x1 - x0, y1 - y0);
        let n = (ex * ex + ey * ey).sqrt();
        if n < 1e-9 {
            return false;
        }
        let (ax, ay) = (-ey / n, ex / n);
        let project = |q: &Quad| {
            q.iter()
                .map(|(x, y)| x * ax + y * ay)
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)))
        };
        let ((alo, ahi), (blo, bhi)) = (project(a), project(b));
        ahi + LABEL_MARGIN <= blo || bhi + LABEL_MARGIN <= alo
    })
}

fn stack_extra(axis: &TimeAxis, t: Time) -> f64 {
    // The room below the first item at `t`, up to where the next instant starts.
    let y = axis.y(t);
    let next = axis.y(Time(t.ms() + 1));
    (next - y - super::time_axis::PX_PER_MS).clamp(0.0, 50.0 * STACK_PX)
}

/// Splits a path at time `t`: the part up to `t`, the part after, and the point at `t` if the
/// path spans it.
fn split_at(path: &[PathPoint], t: Time) -> (Vec<PathPoint>, Vec<PathPoint>, Option<(f64, f64)>) {
    let Some(first) = path.first() else { return (Vec::new(), Vec::new(), None) };
    if t < first.t {
        return (Vec::new(), path.to_vec(), None);
    }
    let mut past = vec![*first];
    for w in path.windows(2) {
        let (a, b) = (w[0], w[1]);
        if b.t <= t {
            past.push(b);
            continue;
        }
        let f = if b.t > a.t { (t.ms() - a.t.ms().min(t.ms())) as f64 / (b.t.ms() - a.t.ms()) as f64 } else { 0.0 };
        let here = PathPoint { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f, t };
        past.push(here);
        let mut future = vec![here];
        future.extend(path.iter().copied().filter(|p| p.t > t));
        return (past, future, Some((here.x, here.y)));
    }
    (past, Vec::new(), None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use finwait_core::presets;

    /// Whether two layouts draw the same (all but where they came from).
    fn same_drawing(a: &Layout, b: &Layout) -> bool {
        a.height == b.height
            && a.axis == b.axis
            && a.bands == b.bands
            && a.arrows == b.arrows
            && a.notes == b.notes
            && a.ticks == b.ticks
            && a.breaks == b.breaks
            && a.dims == b.dims
    }

    /// A session's layout as the lab makes it: after a first one, for the session's run.
    fn session_layout(s: &crate::session::Session) -> Layout {
        let first = layout(s.trace(), s.head_time(), D, Labels::Full, Lang::En);
        layout_after(&first, s.trace(), s.head_time(), D, Labels::Full, Lang::En, s.epoch())
    }

    /// Laid out again after the run has gone on — step by step, with clicks at its head — a
    /// layout is the same as one made afresh.
    #[test]
    fn a_layout_after_the_run_has_grown_is_the_same_as_a_new_one() {
        use crate::session::Session;
        use finwait_core::{Action, Host};
        let mut scenarios: Vec<_> = presets::PRESETS.iter().map(|p| p.scenario().unwrap()).collect();
        scenarios.push(crate::stress::stress_scenario(300));
        for scenario in scenarios {
            let mut s = Session::new(scenario.clone());
            let mut before = session_layout(&s);
            let mut t = 0;
            for step in 0..40u64 {
                t += step * step * 7 + 13;
                s.extend_to(Time(t));
                if step % 7 == 3 {
                    let head = s.head_time();
                    let _ = s.act(head, Action::Read { host: Host::A, max: None });
                    let _ = s.act(head, Action::Close { host: Host::B });
                }
                let (trace, head) = (s.trace(), s.head_time());
                let again = layout_after(&before, trace, head, D, Labels::Full, Lang::En, s.epoch());
                assert!(
                    same_drawing(&again, &layout(trace, head, D, Labels::Full, Lang::En)),
                    "{} at {head:?}",
                    scenario.name
                );
                before = again;
            }
        }
    }

    /// A run cut back (a click in the past) is laid out afresh.
    #[test]
    fn a_layout_after_a_click_in_the_past_starts_again() {
        use crate::session::Session;
        use finwait_core::Action;
        let mut s = Session::new(presets::find("active-close").unwrap().scenario().unwrap());
        s.extend_to(Time(1_000));
        let before = session_layout(&s);
        let fin = s.sim_at(Time(20)).network().flights()[0].id;
        s.act(Time(20), Action::Drop { segment: fin }).unwrap();
        s.extend_to(Time(1_000));
        let again = layout_after(&before, s.trace(), s.head_time(), D, Labels::Full, Lang::En, s.epoch());
        assert!(same_drawing(&again, &layout(s.trace(), s.head_time(), D, Labels::Full, Lang::En)));
    }

    fn run(name: &str) -> finwait_core::Run {
        presets::find(name).unwrap().scenario().unwrap().run().unwrap()
    }

    const D: Dims = Dims::WIDE;

    fn wide(r: &finwait_core::Run, labels: Labels) -> Layout {
        layout(&r.trace, r.sim.now(), D, labels, Lang::En)
    }

    #[test]
    fn every_segment_gets_an_arrow_in_order() {
        let r = run("active-close");
        let l = wide(&r, Labels::Full);
        let ids: Vec<u32> = l.arrows.iter().map(|a| a.id.0).collect();
        assert_eq!(ids, vec![1, 2, 3, 4]);
        assert!(l.arrows.iter().all(|a| a.ending == Ending::Arrived && a.at(r.sim.now()).future.is_empty()));
        // A's FIN goes left to right and down: from A's lifeline at 0 ms to B's at 50 ms.
        let fin = &l.arrows[0];
        assert_eq!(fin.class, SegClass::Fin);
        assert_eq!(fin.path[0].x, D.x_a());
        assert_eq!(fin.path[1].x, D.x_b());
        assert!(fin.path[1].y > fin.path[0].y);
        assert_eq!(fin.label, "#1 FIN,ACK seq=1001 ack=5001");
    }

    #[test]
    fn a_segment_in_flight_at_the_cursor_has_a_position() {
        let r = run("active-close");
        let l = wide(&r, Labels::Full);
        let fin = l.arrows[0].at(Time(25));
        assert_eq!(fin.ending, Ending::Flying);
        let (x, _) = fin.now.unwrap();
        assert!((x - (D.x_a() + D.x_b()) / 2.0).abs() < 1.0, "half-way at half the latency: {x}");
        // Segments sent after the cursor are in the future.
        let ack = l.arrows[1].at(Time(25));
        assert!(ack.is_future && ack.past.is_empty());
    }

    #[test]
    fn dropped_segments_end_half_way_with_a_cross() {
        let r = run("lost-fin");
        let l = wide(&r, Labels::Compact);
        let first = &l.arrows[0];
        assert!(matches!(first.ending, Ending::Lost(LossCause::DroppedByRule)));
        let end = first.path.last().unwrap();
        assert!(end.x > D.x_a() && end.x < D.x_b());
        assert_eq!(first.label, "#1 FIN 1001");
    }

    #[test]
    fn a_held_segment_waits_mid_lane() {
        let r = run("old-duplicate-no-time-wait");
        let l = wide(&r, Labels::Full);
        let copy = l.arrows.iter().find(|a| a.id.0 == 2).unwrap();
        // Held the moment the network made it: it waits in the lane, nearly half-way across,
        // until it is released.
        let waits = copy.path.windows(2).find(|w| w[0].x == w[1].x && w[1].t > w[0].t).expect("a wait");
        assert!((waits[0].x - (D.x_b() - 0.45 * D.lane)).abs() < 1e-6, "{:?}", copy.path);
        assert_eq!(copy.ending, Ending::Arrived);
        assert!(copy.stale);
    }

    #[test]
    fn notes_beside_a_lifeline_never_overlap() {
        for p in presets::PRESETS {
            let r = p.scenario().unwrap().run().unwrap();
            let l = wide(&r, Labels::Full);
            for host in Host::BOTH {
                let ys: Vec<f64> = l.notes.iter().filter(|n| n.host == host).map(|n| n.y).collect();
                for w in ys.windows(2) {
                    assert!(w[1] - w[0] >= NOTE_GAP - 1e-9, "{}: notes at {} and {}", p.file, w[0], w[1]);
                }
            }
        }
    }

    /// No two labels cover each other, in any preset under either profile, in either width
    /// and either style of label.
    #[test]
    fn segment_labels_do_not_run_into_each_other() {
        for p in presets::PRESETS {
            for &profile in finwait_core::ProfileKind::ALL {
                let mut s = p.scenario().unwrap();
                s.profile = profile;
                let r = s.run().unwrap();
                for (dims, labels) in
                    [(Dims::WIDE, Labels::Full), (Dims::WIDE, Labels::Compact), (Dims::NARROW, Labels::Compact)]
                {
                    let l = layout(&r.trace, r.sim.now(), dims, labels, Lang::En);
                    let boxes: Vec<(SegmentId, Quad)> = l.arrows.iter().map(|a| (a.id, a.label_box())).collect();
                    for (i, (a, qa)) in boxes.iter().enumerate() {
                        for (b, qb) in &boxes[i + 1..] {
                            assert!(
                                !quads_overlap(qa, qb),
                                "{} ({profile:?}, {dims:?}, {labels:?}): labels of {a} and {b} overlap",
                                p.file
                            );
                        }
                    }
                }
            }
        }
    }

    /// A segment dropped as it was sent keeps its label before the ✕ that ends its stub (its
    /// short label, when the full one has no room there).
    #[test]
    fn a_lost_segment_s_label_stops_before_its_cross() {
        let r = run("lost-fin");
        for labels in [Labels::Full, Labels::Compact] {
            let l = wide(&r, labels);
            let a = &l.arrows[0];
            let end = a.path.last().unwrap();
            // The ✕ is drawn centred on the stub's end, about a 12-unit square.
            let (x, y) = (end.x, end.y);
            let cross: Quad = [(x - 6.0, y - 6.0), (x + 6.0, y - 6.0), (x + 6.0, y + 6.0), (x - 6.0, y + 6.0)];
            assert!(!quads_overlap(&a.label_box(), &cross), "{labels:?}: the label {} covers the ✕", a.label);
        }
    }

    #[test]
    fn boxes_overlap_only_when_they_meet() {
        let square = |x: f64, y: f64| -> Quad { [(x, y), (x + 10.0, y), (x + 10.0, y + 10.0), (x, y + 10.0)] };
        assert!(quads_overlap(&square(0.0, 0.0), &square(5.0, 5.0)));
        assert!(!quads_overlap(&square(0.0, 0.0), &square(20.0, 0.0)));
        // A box turned 45° next to a square, not touching it.
        let diamond: Quad = [(25.0, 5.0), (30.0, 0.0), (35.0, 5.0), (30.0, 10.0)];
        assert!(!quads_overlap(&square(0.0, 0.0), &diamond));
        assert!(quads_overlap(&square(22.0, 0.0), &diamond));
    }

    #[test]
    fn crossing_arrows_put_their_labels_at_opposite_ends() {
        let r = run("simultaneous-close");
        let l = wide(&r, Labels::Full);
        let (a, b) = (&l.arrows[0], &l.arrows[1]);
        assert!(a.label_x < (D.x_a() + D.x_b()) / 2.0 && b.label_x > (D.x_a() + D.x_b()) / 2.0);
    }
}
