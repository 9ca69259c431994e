//! Writes a deterministic benchmark corpus: a thidua site with N generated stories and,
//! with `--hugo DIR`, the same stories as a Hugo site with equivalent pages. Used by
//! `benches/compare.sh`; not a user command.
//!
//! cargo run --release --example corpus -- --stories 10000 --out /dev/shm/corpus [--hugo DIR]

#[path = "../../tests/common/corpus/mod.rs"]
mod corpus;
mod hugo;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

#[derive(Parser)]
#[command(about = "Generate a deterministic thidua (and optionally Hugo) benchmark site")]
struct Args {
    /// How many stories to generate.
    #[arg(long)]
    stories: usize,
    /// Folder for the thidua site (content/ is written inside); must be empty or absent.
    #[arg(long)]
    out: PathBuf,
    /// Seed of the generator; the same seed and count give the same site.
    #[arg(long, default_value_t = 2025)]
    seed: u64,
    /// Give every fourth story a small PNG photo.
    #[arg(long)]
    photos: bool,
    /// Also write the same stories as a Hugo site into this folder (empty or absent).
    #[arg(long)]
    hugo: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    ensure_empty(&args.out)?;
    if let Some(dir) = &args.hugo {
        ensure_empty(dir)?;
    }
    let corpus = corpus::generate(args.stories, args.seed, args.photos);
    corpus
        .write_thidua(&args.out)
        .map_err(|e| format!("writing {}: {e}", args.out.display()))?;
    if let Some(dir) = &args.hugo {
        hugo::write(&corpus, dir).map_err(|e| format!("writing {}: {e}", dir.display()))?;
    }
    Ok(())
}

/// Refuses to mix a new corpus with files of an older one.
fn ensure_empty(dir: &Path) -> Result<(), String> {
    let has_entries = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if has_entries {
        return Err(format!(
            "{} is not empty; remove it or choose another folder",
            dir.display()
        ));
    }
    Ok(())
}
