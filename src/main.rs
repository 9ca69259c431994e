//! The `thidua` command: parses arguments, calls the library, prints diagnostics and chooses
//! the exit code (0 success, 1 the site has errors or the build failed, 2 bad arguments).

mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => match thidua::build(&args.options()) {
            Ok(report) => {
                for warning in &report.warnings {
                    eprintln!("{warning}");
                }
                println!(
                    "built {} pages ({} stories, {} files) into {} in {} ms, {} warning{}",
                    report.pages,
                    report.stories,
                    report.files,
                    report.output.display(),
                    report.elapsed.as_millis(),
                    report.warnings.len(),
                    if report.warnings.len() == 1 { "" } else { "s" }
                );
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error),
        },
        Command::Check(args) => match thidua::load_site(&args.options()) {
            Ok(site) => {
                for warning in &site.warnings {
                    eprintln!("{warning}");
                }
                println!(
                    "no errors: {} stories, {} warning{}",
                    site.stories.len(),
                    site.warnings.len(),
                    if site.warnings.len() == 1 { "" } else { "s" }
                );
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error),
        },
    }
}

fn fail(error: &thidua::Error) -> ExitCode {
    eprintln!("{error}");
    ExitCode::from(1)
}
