//! The finwait web app: entry point (the app itself is the library, so tests can mount it).

fn main() {
    finwait_web::run();
}
