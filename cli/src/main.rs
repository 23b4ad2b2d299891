//! `finwait`: the command-line face of the simulation core.

fn main() {
    println!("finwait {}", env!("CARGO_PKG_VERSION"));
}
