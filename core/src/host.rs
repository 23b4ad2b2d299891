//! The two hosts of a scenario.

use std::fmt;

crate::named! {
    /// One of the two endpoints. A is drawn on the left ("client"), B on the right ("server").
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Host {
        A = "A",
        B = "B",
    }
}

impl Host {
    pub const BOTH: [Host; 2] = [Host::A, Host::B];

    pub fn peer(self) -> Host {
        match self {
            Host::A => Host::B,
            Host::B => Host::A,
        }
    }

    /// 0 for A, 1 for B: for per-host arrays.
    pub fn index(self) -> usize {
        match self {
            Host::A => 0,
            Host::B => 1,
        }
    }
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
