//! `finwait`: run TCP close scenarios from files or the built-in presets, print their traces
//! (a text sequence diagram, JSON, or Mermaid), and check their expectations.

mod diagram;
mod json;
mod mermaid;

use clap::{Parser, Subcommand, ValueEnum};
use finwait_core::presets::{self, PRESETS};
use finwait_core::Scenario;
use finwait_messages::Lang;
use std::io::Write;
use std::process::ExitCode;

/// Prints a line to stdout. When the reader has gone away (`finwait presets | head`), stop
/// quietly instead of panicking the way `println!` does.
macro_rules! say {
    ($($arg:tt)*) => {{
        let mut out = std::io::stdout().lock();
        if writeln!(out, $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

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
    /// Run scenarios and check their `expect` entries; exits non-zero on any mismatch.
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run { file, preset, format } => run(file, preset, format),
        Command::Check { files } => check(&files),
        Command::Presets => {
            list_presets();
            ExitCode::SUCCESS
        }
    }
}

/// Reads a scenario from a file or a preset; prints a clear error and returns `None` if it
/// cannot.
fn load(file: Option<&str>, preset: Option<&str>) -> Option<(String, Scenario)> {
    let (label, text) = match (file, preset) {
        (_, Some(name)) => match presets::find(name) {
            Some(p) => (p.file.to_string(), p.json.to_string()),
            None => {
                eprintln!("finwait: no preset called {name:?}; `finwait presets` lists them");
                return None;
            }
        },
        (Some(path), None) => match std::fs::read_to_string(path) {
            Ok(t) => (path.to_string(), t),
            Err(e) => {
                eprintln!("finwait: cannot read {path}: {e}");
                return None;
            }
        },
        (None, None) => return None,
    };
    match Scenario::from_json(&text) {
        Ok(s) => Some((label, s)),
        Err(e) => {
            eprintln!("finwait: {label}: {e}");
            None
        }
    }
}

fn run(file: Option<String>, preset: Option<String>, format: Format) -> ExitCode {
    let Some((label, scenario)) = load(file.as_deref(), preset.as_deref()) else { return ExitCode::from(2) };
    let run = match scenario.run() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("finwait: {label}: {e}");
            return ExitCode::from(2);
        }
    };
    if run.cut_short {
        eprintln!(
            "finwait: {label}: stopped after {} events at {} ms — the hosts are caught in a loop (trading ACKs?)",
            run.trace.len(),
            run.sim.now().ms()
        );
    }
    let output = match format {
        Format::Text => diagram::render(&scenario, &run, Lang::En),
        Format::Json => json::render(&scenario, &run),
        Format::Mermaid => mermaid::render(&scenario, &run, Lang::En),
    };
    let mut out = std::io::stdout().lock();
    // A closed pipe is the reader's choice, not an error.
    let _ = out.write_all(output.as_bytes()).and_then(|()| out.flush());
    ExitCode::SUCCESS
}

fn check(files: &[String]) -> ExitCode {
    let (mut passed, mut failed, mut broken) = (0, 0, 0);
    for path in files {
        let Some((label, scenario)) = load(Some(path), None) else {
            broken += 1;
            continue;
        };
        if scenario.expect.is_empty() {
            say!("SKIP {label}: no expectations");
            continue;
        }
        match scenario.check() {
            Err(e) => {
                eprintln!("finwait: {label}: {e}");
                broken += 1;
            }
            Ok(report) if report.passed() => {
                passed += 1;
                say!("PASS {label}{}", conformance_tag(&scenario));
            }
            Ok(report) => {
                failed += 1;
                say!("FAIL {label}{}", conformance_tag(&scenario));
                if report.run.cut_short {
                    say!(
                        "  the run was stopped after {} events: the hosts are caught in a loop",
                        report.run.trace.len()
                    );
                }
                for v in &report.violations {
                    say!("  invariant broken {v}");
                }
                for m in &report.mismatches {
                    say!("  {m}");
                }
            }
        }
    }
    say!("{passed} passed, {failed} failed, {broken} could not run");
    // 2: a file could not be run at all; 1: a run did not match its expectations.
    if broken > 0 {
        ExitCode::from(2)
    } else if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn conformance_tag(s: &Scenario) -> String {
    if s.conformance.is_empty() {
        String::new()
    } else {
        format!(" ({})", s.conformance)
    }
}

fn list_presets() {
    for p in PRESETS {
        match p.scenario() {
            Ok(s) => say!("{:<36} {:<4} {:<8} {}", p.name, p.conformance, s.profile.name(), p.title),
            Err(e) => say!("{:<36} (broken: {e})", p.file),
        }
    }
}
