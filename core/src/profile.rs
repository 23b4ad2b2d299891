//! Profiles: which TCP the endpoints are. `Rfc9293` follows the RFC's text; `Linux` follows the
//! Linux kernel where it differs (docs/tcp-close-rules.md, "Where Linux differs"). Every value
//! is a parameter that a scenario may override.

use crate::json::Json;
use crate::limits::{self, Limit};
use crate::time::Duration;
use crate::wire::{self, At, Fields};

crate::named! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
    pub enum ProfileKind {
        #[default]
        Rfc9293 = "rfc9293",
        Linux = "linux",
    }
}

/// Timer values and behaviour switches of one endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    pub profile: ProfileKind,
    /// Maximum segment lifetime the host assumes (RFC 9293 §3.4.2: 2 minutes).
    pub msl: Duration,
    /// How long TIME-WAIT lasts: 2×MSL in the RFC; a fixed 60 s in Linux (TCP_TIMEWAIT_LEN).
    pub time_wait: Duration,
    /// Linux tcp_fin_timeout: how long an orphaned socket waits in FIN-WAIT-2. `None`: for ever
    /// (RFC 9293 has no such timer).
    pub fin_wait_2_timeout: Option<Duration>,
    /// RFC 1122 §4.2.3.2 delayed ACK: how long an ACK may wait for a segment to ride on.
    /// `None`: acknowledge at once.
    pub delayed_ack: Option<Duration>,
    /// RFC 6298: the first retransmission timeout, before any round-trip sample.
    pub rto_initial: Duration,
    /// RFC 6298 (2.4): lower bound of the RTO (RFC 1 s; Linux 200 ms).
    pub rto_min: Duration,
    /// Upper bound of the backed-off RTO (RFC 6298 (2.5): at least 60 s; Linux 120 s).
    pub rto_max: Duration,
    /// Retransmissions before the connection is given up (RFC 9293 §3.8.3 R2 as a count;
    /// Linux tcp_retries2).
    pub max_retries: u32,
    /// Retransmissions before an orphaned socket (the app called close) gives up
    /// (Linux tcp_orphan_retries, whose default 0 means 8).
    pub orphan_retries: u32,
    /// Linux (tcp_model_timeout): a retry count is a time, not a count of retransmissions —
    /// what the timeouts would add up to if the RTO started at `rto_min` (at `rto_initial` in
    /// the handshake) and doubled up to `rto_max` — and the connection gives up at the first
    /// timeout at or past that time since its first retransmission (retrans_stamp). So a slower
    /// first RTO gets fewer retransmissions.
    pub retries_as_time: bool,
    /// Linux: the delayed-ACK time until data has arrived from the peer (about 4 ms, one clock
    /// tick; `delayed_ack` applies from the first data received). `None`: always `delayed_ack`.
    pub delayed_ack_idle: Option<Duration>,
    /// Linux: close() with unread received data sends RST instead of FIN (RFC 2525 §2.17), and
    /// data arriving after close() is answered with RST (RFC 9293 §3.6.1 "half-duplex close").
    pub rst_on_close_with_unread_data: bool,
    /// Linux: a reset this host sends also carries ACK with RCV.NXT.
    pub rst_carries_ack: bool,
    /// Linux: after the peer's FIN, an RST at RCV.NXT−1 is accepted as a reset.
    pub accept_rst_before_fin: bool,
    /// RFC 1337 TIME-WAIT assassination protection: an RST in TIME-WAIT is ignored.
    pub rfc1337: bool,
    /// Linux tcp_invalid_ratelimit: an ACK answering a segment that is not acceptable (or a
    /// challenge ACK) goes out at most once per this interval when what it answers carries no
    /// data, so two confused hosts cannot trade ACKs for ever. `None`: always answer (RFC 9293).
    pub invalid_ack_interval: Option<Duration>,
    /// Linux's time-wait socket (tcp_timewait_state_process): every segment with ACK restarts
    /// the TIME-WAIT time, a bare in-window ACK is absorbed without an answer, and an RST not
    /// exactly at RCV.NXT is dropped without a challenge ACK. RFC 9293: only a retransmitted FIN
    /// restarts it. An orphaned FIN-WAIT-2 lives in such a socket too, with its own rules (a
    /// reset anywhere in the window ends it; an out-of-window one gets an ACK).
    pub linux_time_wait: bool,
    /// Linux's quick-ACK mode (tcp_incr_quickack, called from tcp_event_data_recv): after the
    /// first data from the peer, and after a pause longer than the RTO, up to this many ACKs go
    /// out at once instead of waiting `delayed_ack` — fewer when the window holds few segments
    /// (window ÷ twice the peer's segment size, at least 2). It ends early once the exchange is
    /// interactive (pingpong mode): the host answered data within the delayed-ACK time, or the
    /// peer's FIN moved it to CLOSE-WAIT (tcp_fin). 0: no quick ACKs.
    pub quick_acks: u32,
    /// RFC 8985 §7 tail-loss probe, as Linux sends it (tcp_schedule_loss_probe,
    /// tcp_send_loss_probe): about 2·SRTT after the last segment went out (plus `rto_min` when
    /// only one segment is in flight, to allow for the peer's delayed ACK; never later than the
    /// RTO), the last segment goes out once more, and the RTO then starts afresh from the probe
    /// without being doubled. Not after an RTO until everything then in flight is acknowledged.
    pub tail_loss_probe: bool,
    /// Linux's RTO formula (tcp_rtt_estimator, tcp_set_rto): the minimum bounds the variance
    /// part, RTO = SRTT + max(4·RTTVAR, rto_min), so on a fast link the RTO is about
    /// SRTT + 200 ms. RFC 6298 (2.4): RTO = max(SRTT + 4·RTTVAR, rto_min).
    pub linux_rto: bool,
    /// RFC 9293 §3.10.4: a CLOSE on a connection that no longer exists is an error ("connection
    /// does not exist", or the reset or time-out that ended it). Linux's close() succeeds and
    /// only releases the socket: the error was reported to the read or write that saw it.
    pub close_reports_error: bool,
    /// Receive window this host advertises (constant: the simulated app buffer is unbounded).
    pub window: u32,
    /// Maximum segment size.
    pub mss: u32,
}

impl Params {
    /// Linux's tcp_model_timeout: how long `retries` retransmissions would take if the RTO
    /// started at `base` and doubled up to `rto_max` (with a 200 ms base, tcp_retries2 = 15
    /// gives the well-known 924.6 s and tcp_orphan_retries = 8 gives 102.2 s).
    pub fn retry_time(&self, retries: u32, base: Duration) -> Duration {
        let base = base.ms().max(1);
        let max = self.rto_max.ms().max(base);
        // Doublings before the RTO reaches its bound: ilog2(max / base).
        let doublings = (max / base).ilog2();
        let doubling_part = |n: u32| ((2u64 << n.min(62)) - 1).saturating_mul(base);
        Duration(if retries <= doublings {
            doubling_part(retries)
        } else {
            doubling_part(doublings).saturating_add(u64::from(retries - doublings).saturating_mul(max))
        })
    }

    pub fn for_profile(profile: ProfileKind) -> Params {
        match profile {
            ProfileKind::Rfc9293 => Params {
                profile,
                msl: Duration::secs(120),
                time_wait: Duration::secs(240),
                fin_wait_2_timeout: None,
                delayed_ack: None,
                rto_initial: Duration::secs(1),
                rto_min: Duration::secs(1),
                rto_max: Duration::secs(60),
                // 1+2+4+…+64 s = 127 s: the first count whose total wait reaches R2's 100 s.
                max_retries: 7,
                orphan_retries: 7,
                retries_as_time: false,
                delayed_ack_idle: None,
                rst_on_close_with_unread_data: false,
                rst_carries_ack: false,
                accept_rst_before_fin: false,
                rfc1337: false,
                invalid_ack_interval: None,
                linux_time_wait: false,
                quick_acks: 0,
                tail_loss_probe: false,
                linux_rto: false,
                close_reports_error: true,
                window: 65_535,
                mss: 1460,
            },
            ProfileKind::Linux => Params {
                profile,
                msl: Duration::secs(30),
                time_wait: Duration::secs(60),
                fin_wait_2_timeout: Some(Duration::secs(60)),
                delayed_ack: Some(Duration(40)),
                rto_initial: Duration::secs(1),
                rto_min: Duration(200),
                rto_max: Duration::secs(120),
                max_retries: 15,
                orphan_retries: 8,
                retries_as_time: true,
                delayed_ack_idle: Some(Duration(4)),
                rst_on_close_with_unread_data: true,
                rst_carries_ack: true,
                accept_rst_before_fin: true,
                rfc1337: false,
                invalid_ack_interval: Some(Duration(500)),
                linux_time_wait: true,
                quick_acks: 16,
                tail_loss_probe: true,
                linux_rto: true,
                close_reports_error: false,
                window: 65_535,
                mss: 1460,
            },
        }
    }

    /// Applies a scenario's overrides. In the RFC profile a new MSL also sets TIME-WAIT to 2×MSL
    /// (unless TIME-WAIT is given too); Linux's TIME-WAIT does not follow MSL.
    pub fn with(mut self, o: &Overrides) -> Params {
        if let Some(ms) = o.msl_ms {
            self.msl = Duration(ms);
            if self.profile == ProfileKind::Rfc9293 {
                self.time_wait = Duration(ms.saturating_mul(2));
            }
        }
        if let Some(ms) = o.time_wait_ms {
            self.time_wait = Duration(ms);
        }
        if let Some(v) = o.fin_wait_2_timeout_ms {
            self.fin_wait_2_timeout = v.map(Duration);
        }
        if let Some(v) = o.delayed_ack_ms {
            self.delayed_ack = v.map(Duration);
        }
        if let Some(ms) = o.rto_initial_ms {
            self.rto_initial = Duration(ms);
        }
        if let Some(ms) = o.rto_min_ms {
            self.rto_min = Duration(ms);
        }
        if let Some(ms) = o.rto_max_ms {
            self.rto_max = Duration(ms);
        }
        if let Some(n) = o.max_retries {
            self.max_retries = n;
        }
        if let Some(n) = o.orphan_retries {
            self.orphan_retries = n;
        }
        if let Some(b) = o.retries_as_time {
            self.retries_as_time = b;
        }
        if let Some(v) = o.delayed_ack_idle_ms {
            self.delayed_ack_idle = v.map(Duration);
        }
        if let Some(b) = o.rst_on_close_with_unread_data {
            self.rst_on_close_with_unread_data = b;
        }
        if let Some(b) = o.rst_carries_ack {
            self.rst_carries_ack = b;
        }
        if let Some(b) = o.accept_rst_before_fin {
            self.accept_rst_before_fin = b;
        }
        if let Some(b) = o.rfc1337 {
            self.rfc1337 = b;
        }
        if let Some(v) = o.invalid_ack_interval_ms {
            self.invalid_ack_interval = v.map(Duration);
        }
        if let Some(b) = o.linux_time_wait {
            self.linux_time_wait = b;
        }
        if let Some(n) = o.quick_acks {
            self.quick_acks = n;
        }
        if let Some(b) = o.tail_loss_probe {
            self.tail_loss_probe = b;
        }
        if let Some(b) = o.linux_rto {
            self.linux_rto = b;
        }
        if let Some(b) = o.close_reports_error {
            self.close_reports_error = b;
        }
        if let Some(w) = o.window {
            self.window = w;
        }
        if let Some(m) = o.mss {
            self.mss = m.max(1);
        }
        self
    }
}

/// How an override is written and checked: its Rust type, how it is read and written, and
/// the limit its value must keep.
macro_rules! overrides {
    ($( $(#[$doc:meta])* $field:ident: $kind:ident $(($limit:expr))?, )+) => {
        /// A scenario's changes to its profile's parameters; every field is optional. For the
        /// nullable parameters, `null` switches the behaviour off (`"delayed_ack_ms": null`).
        /// The one list of fields below is the struct, its reader, its writer and its checks.
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        pub struct Overrides {
            $( $(#[$doc])* pub $field: overrides!(@type $kind), )+
        }

        impl Overrides {
            pub fn read(a: At) -> wire::Result<Overrides> {
                let mut o = a.object()?;
                let r = Overrides { $( $field: overrides!(@read o, $field, $kind), )+ };
                o.done()?;
                Ok(r)
            }

            /// Only the fields that are set.
            pub fn to_json(&self) -> Json {
                let f = Fields::new();
                $( let f = overrides!(@write f, self.$field, $field, $kind); )+
                f.into()
            }

            /// Checks each value against its limit; returns the field and what is wrong.
            pub fn validate(&self) -> Result<(), (&'static str, Limit)> {
                $( $( overrides!(@check self.$field, $field, $kind, $limit); )? )+
                Ok(())
            }
        }
    };
    (@type ms) => { Option<u64> };
    (@type nullable_ms) => { Option<Option<u64>> };
    (@type count) => { Option<u32> };
    (@type switch) => { Option<bool> };
    (@read $o:ident, $field:ident, ms) => { $o.opt(stringify!($field), wire::u64)? };
    (@read $o:ident, $field:ident, nullable_ms) => { $o.nullable(stringify!($field))? };
    (@read $o:ident, $field:ident, count) => { $o.opt(stringify!($field), wire::u32)? };
    (@read $o:ident, $field:ident, switch) => { $o.opt(stringify!($field), wire::bool)? };
    (@write $f:ident, $v:expr, $field:ident, nullable_ms) => {
        match $v {
            Some(inner) => $f.put(stringify!($field), inner),
            None => $f,
        }
    };
    (@write $f:ident, $v:expr, $field:ident, $kind:ident) => { $f.opt(stringify!($field), $v) };
    (@check $v:expr, $field:ident, nullable_ms, $limit:expr) => {
        if let Some(Some(v)) = $v {
            if !$limit.contains(v) {
                return Err((stringify!($field), $limit));
            }
        }
    };
    (@check $v:expr, $field:ident, $kind:ident, $limit:expr) => {
        if let Some(v) = $v {
            if !$limit.contains(u64::from(v)) {
                return Err((stringify!($field), $limit));
            }
        }
    };
}

overrides! {
    msl_ms: ms(limits::TIMER_MS),
    time_wait_ms: ms(limits::TIMER_MS),
    fin_wait_2_timeout_ms: nullable_ms(limits::TIMER_MS),
    delayed_ack_ms: nullable_ms(limits::TIMER_MS),
    rto_initial_ms: ms(limits::RTO_MS),
    rto_min_ms: ms(limits::RTO_MS),
    rto_max_ms: ms(limits::RTO_MS),
    max_retries: count(limits::RETRIES),
    orphan_retries: count(limits::RETRIES),
    retries_as_time: switch,
    delayed_ack_idle_ms: nullable_ms(limits::TIMER_MS),
    rst_on_close_with_unread_data: switch,
    rst_carries_ack: switch,
    accept_rst_before_fin: switch,
    rfc1337: switch,
    invalid_ack_interval_ms: nullable_ms(limits::TIMER_MS),
    linux_time_wait: switch,
    quick_acks: count(limits::QUICK_ACKS),
    tail_loss_probe: switch,
    linux_rto: switch,
    close_reports_error: switch,
    window: count(limits::WINDOW),
    mss: count(limits::MSS),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn msl_sets_time_wait_only_in_the_rfc_profile() {
        let o = Overrides { msl_ms: Some(200), ..Overrides::default() };
        assert_eq!(Params::for_profile(ProfileKind::Rfc9293).with(&o).time_wait, Duration(400));
        assert_eq!(Params::for_profile(ProfileKind::Linux).with(&o).time_wait, Duration::secs(60));
    }

    #[test]
    fn null_switches_a_behaviour_off() {
        let o = Overrides { delayed_ack_ms: Some(None), ..Overrides::default() };
        assert_eq!(Params::for_profile(ProfileKind::Linux).with(&o).delayed_ack, None);
        assert_eq!(o.to_json().to_compact(), r#"{"delayed_ack_ms":null}"#);
        assert_eq!(Overrides::default().to_json().to_compact(), "{}");
        let read = |text: &str| Overrides::read(At::root(&crate::json::parse(text).unwrap()));
        assert_eq!(read(r#"{"delayed_ack_ms":null}"#).unwrap(), o);
        assert_eq!(read(r#"{"delayed_ack_ms":40}"#).unwrap().delayed_ack_ms, Some(Some(40)));
    }

    #[test]
    fn each_value_keeps_its_limit() {
        let o = Overrides { mss: Some(0), ..Overrides::default() };
        assert_eq!(o.validate(), Err(("mss", limits::MSS)));
        let o = Overrides { delayed_ack_ms: Some(Some(limits::TIMER_MS.max + 1)), ..Overrides::default() };
        assert_eq!(o.validate(), Err(("delayed_ack_ms", limits::TIMER_MS)));
        assert_eq!(
            Overrides { rto_min_ms: Some(0), ..Overrides::default() }.validate().map_err(|e| e.0),
            Err("rto_min_ms")
        );
        assert_eq!(Overrides { max_retries: Some(50), ..Overrides::default() }.validate(), Ok(()));
    }

    /// The figures Linux documents for its defaults (tcp_retries2 = 15: 924.6 s;
    /// tcp_orphan_retries = 8: 102.2 s) and a small count, where the doubling has not reached
    /// the bound.
    #[test]
    fn retry_time_follows_linuxs_model() {
        let linux = Params::for_profile(ProfileKind::Linux);
        let base = linux.rto_min;
        assert_eq!(linux.retry_time(15, base), Duration(924_600));
        assert_eq!(linux.retry_time(8, base), Duration(102_200));
        assert_eq!(linux.retry_time(2, base), Duration(1_400));
        assert_eq!(linux.retry_time(0, base), Duration(200));
        // In the handshake the base is the initial RTO: tcp_syn_retries = 6 gives 127 s.
        assert_eq!(linux.retry_time(6, linux.rto_initial), Duration(127_000));
        let extreme = Overrides { rto_min_ms: Some(1), rto_max_ms: Some(24 * 3_600_000), ..Overrides::default() };
        assert!(linux.with(&extreme).retry_time(50, Duration(1)) > Duration(0), "no overflow at the bounds");
    }
}
