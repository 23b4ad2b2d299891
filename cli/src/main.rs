//! `finwait`: run TCP close scenarios from files or the built-in presets, print their traces
//! (a text sequence diagram, JSON, or Mermaid), and check their expectations.

mod diagram;
mod json;
mod mermaid;
mod output;

use clap::{Parser, Subcommand, ValueEnum};
use finwait_core::presets::{self, PRESETS};
use finwait_core::Scenario;
use finwait_messages::Lang;
use output::{complain, Out};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "finwait",
    version,
    about = "An interactive lab for how a TCP connection closes — command-line edition"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario and print its trace.
    Run {
        /// A scenario file (JSON, "version": 1).
        #[arg(required_unless_present = "preset", conflicts_with = "preset")]
        file: Option<String>,
        /// Run a built-in scenario instead (see `finwait presets`).
        #[arg(long)]
        preset: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Run scenarios with their invariants checked, and check their `expect` entries; exits
    /// non-zero on any mismatch.
    Check {
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// List the built-in scenarios.
    Presets,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// A sequence diagram for the terminal.
    Text,
    /// The full trace as JSON (docs/trace-format.md).
    Json,
    /// A Mermaid sequence diagram.
    Mermaid,
}

/// Exit statuses: 1 when a run stops at a limit, or (`check`) does not match its expectations
/// or breaks an invariant; 2 when a file cannot be run or the output cannot be written.
const MISMATCH: u8 = 1;
const CANNOT: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = Out::default();
    let status = match cli.command {
        Command::Run { file, preset, format } => run(&mut out, file, preset, format),
        Command::Check { files } => check(&mut out, &files),
        Command::Presets => {
            list_presets(&mut out);
            0
        }
    };
    if !out.finish() {
        return ExitCode::from(CANNOT);
    }
    ExitCode::from(status)
}

/// Reads a scenario from a file or a preset; says clearly why it cannot, and returns `None`.
fn load(file: Option<&str>, preset: Option<&str>) -> Option<(String, Scenario)> {
    let (label, scenario) = match (file, preset) {
        (_, Some(name)) => match presets::find(name) {
            Some(p) => (p.file.to_string(), p.scenario()),
            None => {
                complain(&format!("no preset called {name:?}; `finwait presets` lists them"));
                return None;
            }
        },
        (Some(path), None) => match std::fs::read(path) {
            Ok(bytes) => (path.to_string(), Scenario::from_bytes(&bytes)),
            Err(e) => {
                complain(&format!("cannot read {path}: {e}"));
                return None;
            }
        },
        (None, None) => return None,
    };
    match scenario {
        Ok(s) => Some((label, s)),
        Err(e) => {
            complain(&format!("{label}: {e}"));
            None
        }
    }
}

fn run(out: &mut Out, file: Option<String>, preset: Option<String>, format: Format) -> u8 {
    let Some((label, scenario)) = load(file.as_deref(), preset.as_deref()) else { return CANNOT };
    let run = match scenario.run() {
        Ok(r) => r,
        Err(e) => {
            complain(&format!("{label}: {e}"));
            return CANNOT;
        }
    };
    match format {
        Format::Text => out.text(&diagram::render(&scenario, &run, Lang::En)),
        Format::Json => json::render(&scenario, &run, out),
        Format::Mermaid => out.text(&mermaid::render(&scenario, &run, Lang::En)),
    }
    // A run cut short at a limit is printed as far as it went, and is a failure.
    match run.stopped {
        Some(stop) => {
            complain(&format!(
                "{label}: {}",
                finwait_messages::stopped(Lang::En, stop, run.trace.len(), run.sim.now())
            ));
            MISMATCH
        }
        None => 0,
    }
}

fn check(out: &mut Out, files: &[String]) -> u8 {
    let (mut passed, mut failed, mut broken) = (0, 0, 0);
    for path in files {
        let Some((label, scenario)) = load(Some(path), None) else {
            broken += 1;
            continue;
        };
        let report = match scenario.check() {
            Ok(report) => report,
            Err(e) => {
                complain(&format!("{label}: {e}"));
                broken += 1;
                continue;
            }
        };
        // A file without expectations is still read, run and held to the invariants.
        let what =
            if scenario.expect.is_empty() { " — no expectations: ran with the invariants checked" } else { "" };
        if report.passed() {
            passed += 1;
            out.line(&format!("PASS {label}{}{what}", conformance_tag(&scenario)));
            continue;
        }
        failed += 1;
        out.line(&format!("FAIL {label}{}{what}", conformance_tag(&scenario)));
        if let Some(stop) = report.run.stopped {
            let (events, at) = (report.run.trace.len(), report.run.sim.now());
            out.line(&format!("  {}", finwait_messages::stopped(Lang::En, stop, events, at)));
        }
        for v in &report.violations {
            out.line(&format!("  invariant broken {v}"));
        }
        for m in &report.mismatches {
            out.line(&format!("  {m}"));
        }
    }
    out.line(&format!("{passed} passed, {failed} failed, {broken} could not run"));
    if broken > 0 {
        CANNOT
    } else if failed > 0 {
        MISMATCH
    } else {
        0
    }
}

fn conformance_tag(s: &Scenario) -> String {
    if s.conformance.is_empty() {
        String::new()
    } else {
        format!(" ({})", s.conformance)
    }
}

fn list_presets(out: &mut Out) {
    for p in PRESETS {
        match p.scenario() {
            Ok(s) => out.line(&format!("{:<36} {:<4} {:<8} {}", p.name, p.conformance, s.profile.name(), p.title)),
            Err(e) => out.line(&format!("{:<36} (broken: {e})", p.file)),
        }
    }
}
