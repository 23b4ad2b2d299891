//! `finwait`: run TCP close scenarios from files or the built-in presets, print their traces
//! (a text sequence diagram, JSON, or Mermaid), and check their expectations.

mod capture;
mod diagram;
mod json;
mod output;
mod quiz;

use capture::FileFormat;
use clap::{Parser, Subcommand, ValueEnum};
use finwait_capture::export::Vantage;
use finwait_capture::import::Vantage as ImportVantage;
use finwait_core::presets::{self, PRESETS};
use finwait_core::{Host, ProfileKind, Scenario};
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
    /// The language of what is printed: en or ko (한국어).
    #[arg(long, global = true, value_enum, default_value_t = LangArg::En)]
    lang: LangArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Ko,
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
        /// For pcapng and pcap: where the capture is taken (a dropped segment is seen only
        /// at its sender).
        #[arg(long, value_enum, default_value_t = At::A)]
        at: At,
        /// For pcapng and pcap: the file to write (standard output when it is a pipe).
        #[arg(short, long)]
        output: Option<String>,
    },
    /// Read a pcap or pcapng capture and show the states both endpoints of a TCP connection
    /// went through, inferred by the same rules the simulation uses.
    Import {
        file: String,
        /// Which connection, counting from 1, when the capture holds several.
        #[arg(long)]
        connection: Option<usize>,
        /// Where the capture was taken: on host A (the side that opened), on B, or between
        /// them (or not known).
        #[arg(long, value_enum, default_value_t = At::Wire)]
        at: At,
        /// The rules to infer with.
        #[arg(long, value_enum, default_value_t = Profile::Linux)]
        profile: Profile,
    },
    /// Run scenarios with their invariants checked, and check their `expect` entries; exits
    /// non-zero on any mismatch.
    Check {
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// List the built-in scenarios.
    Presets,
    /// Write a quiz generated and checked by the simulation: for the terminal, or as a file
    /// Moodle (GIFT, Moodle XML) or Canvas (QTI 1.2 .zip) imports.
    Quiz {
        /// The presets to ask about, separated by commas (all of them when left out).
        #[arg(long, value_delimiter = ',')]
        presets: Vec<String>,
        /// The same seed gives the same questions.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 10)]
        count: usize,
        #[arg(long, value_enum, default_value_t = QuizFormatArg::Text)]
        format: QuizFormatArg,
        /// The file to write (standard output when left out).
        #[arg(short, long)]
        output: Option<String>,
    },
    /// What could happen: the outcomes of up to N faults (drop, duplicate, reorder) on the
    /// segments in flight at a moment or sent after it, each with a schedule that gets there.
    Explore {
        #[arg(long)]
        preset: String,
        /// The moment, in ms.
        #[arg(long, default_value_t = 0)]
        at: u64,
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(0..=2))]
        faults: u64,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// A sequence diagram for the terminal.
    Text,
    /// The full trace as JSON (docs/trace-format.md).
    Json,
    /// A Mermaid sequence diagram.
    Mermaid,
    /// A pcapng capture for Wireshark, each packet commented with what it did.
    Pcapng,
    /// A classic pcap capture (no comments).
    Pcap,
}

#[derive(Clone, Copy, ValueEnum)]
enum QuizFormatArg {
    Text,
    Gift,
    MoodleXml,
    Qti12,
}

/// Where a capture is taken.
#[derive(Clone, Copy, ValueEnum)]
enum At {
    A,
    B,
    Wire,
}

#[derive(Clone, Copy, ValueEnum)]
enum Profile {
    Rfc9293,
    Linux,
}

/// Exit statuses: 1 when a run stops at a limit, or (`check`) does not match its expectations
/// or breaks an invariant; 2 when a file cannot be run or the output cannot be written.
const MISMATCH: u8 = 1;
const CANNOT: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = match cli.lang {
        LangArg::En => Lang::En,
        LangArg::Ko => Lang::Ko,
    };
    let mut out = Out::default();
    let status = match cli.command {
        Command::Run { file, preset, format, at, output } => {
            run(&mut out, lang, file, preset, format, at, output.as_deref())
        }
        Command::Import { file, connection, at, profile } => {
            let at = match at {
                At::A => ImportVantage::At(Host::A),
                At::B => ImportVantage::At(Host::B),
                At::Wire => ImportVantage::Between,
            };
            let profile = match profile {
                Profile::Rfc9293 => ProfileKind::Rfc9293,
                Profile::Linux => ProfileKind::Linux,
            };
            capture::import(&mut out, lang, &file, connection, at, profile)
        }
        Command::Check { files } => check(&mut out, lang, &files),
        Command::Quiz { presets, seed, count, format, output } => {
            let format = match format {
                QuizFormatArg::Text => quiz::QuizFormat::Text,
                QuizFormatArg::Gift => quiz::QuizFormat::Gift,
                QuizFormatArg::MoodleXml => quiz::QuizFormat::MoodleXml,
                QuizFormatArg::Qti12 => quiz::QuizFormat::Qti12,
            };
            quiz::run_quiz(&mut out, lang, &presets, seed, count, format, output.as_deref())
        }
        Command::Explore { preset, at, faults } => quiz::run_explore(&mut out, lang, &preset, at, faults as usize),
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

fn run(
    out: &mut Out,
    lang: Lang,
    file: Option<String>,
    preset: Option<String>,
    format: Format,
    at: At,
    output: Option<&str>,
) -> u8 {
    let Some((label, scenario)) = load(file.as_deref(), preset.as_deref()) else { return CANNOT };
    let run = match scenario.run() {
        Ok(r) => r,
        Err(e) => {
            complain(&format!("{label}: {e}"));
            return CANNOT;
        }
    };
    match format {
        Format::Text => out.text(&diagram::render(&scenario, &run, lang)),
        Format::Json => json::render(&scenario, &run, out),
        Format::Mermaid => out.text(&finwait_messages::mermaid::render(&scenario, &run.trace, lang)),
        Format::Pcapng | Format::Pcap => {
            let file = if matches!(format, Format::Pcap) { FileFormat::Pcap } else { FileFormat::Pcapng };
            let at = match at {
                At::A => Vantage::At(Host::A),
                At::B => Vantage::At(Host::B),
                At::Wire => Vantage::Wire,
            };
            let status = capture::export(&scenario, &run, lang, file, at, output, out);
            if status != 0 {
                return status;
            }
        }
    }
    // A run cut short at a limit is printed as far as it went, and is a failure.
    match run.stopped {
        Some(stop) => {
            complain(&format!("{label}: {}", finwait_messages::stopped(lang, stop, run.trace.len(), run.sim.now())));
            MISMATCH
        }
        None => 0,
    }
}

fn check(out: &mut Out, lang: Lang, files: &[String]) -> u8 {
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
            out.line(&format!("  {}", finwait_messages::stopped(lang, stop, events, at)));
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
