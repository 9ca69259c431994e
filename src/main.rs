//! The `thidua` command: parses arguments, calls the library, prints what it reports and
//! chooses the exit code (0 success, 1 the site has problems or the work failed, 2 bad
//! arguments).

mod cli;
mod ui;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use cli::{Cli, Command, Format, NewCommand};
use thidua::{BuildOptions, Diagnostic, InitOptions, NewStoryOptions};
use ui::{Level, Ui, plural};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ui = Ui {
        level: match (cli.verbosity.quiet, cli.verbosity.verbose) {
            (true, _) => Level::Quiet,
            (_, true) => Level::Verbose,
            _ => Level::Normal,
        },
    };
    match cli.command {
        Command::Build(args) => build(&ui, args.options()),
        Command::Check(args) => check(&ui, &args.common.options(), args.format),
        Command::Init(args) => init(&ui, &args.options()),
        Command::New(NewCommand::Story(args)) => new_story(&ui, &args.options()),
        Command::Completions(args) => {
            clap_complete::generate(
                args.shell,
                &mut Cli::command(),
                "thidua",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
    }
}

fn build(ui: &Ui, mut options: BuildOptions) -> ExitCode {
    let progress = ui.build_progress();
    options.progress = progress.hook();
    let result = thidua::build(&options);
    drop(progress);
    match result {
        Ok(report) => {
            for warning in &report.warnings {
                ui.diagnostic(warning);
            }
            ui.summary(&format!(
                "built {} pages ({} stories, {} files) into {} in {} ms, {} warning{}",
                report.pages,
                report.stories,
                report.files,
                report.output.display(),
                report.elapsed.as_millis(),
                report.warnings.len(),
                plural(report.warnings.len())
            ));
            ExitCode::SUCCESS
        }
        Err(error) => fail(ui, &error),
    }
}

fn check(ui: &Ui, options: &BuildOptions, format: Format) -> ExitCode {
    let report = match thidua::check(options) {
        Ok(report) => report,
        Err(error) if format == Format::Json => {
            let diagnostic = Diagnostic::error(&options.root, error.to_string());
            print_json(&[diagnostic], 0);
            return ExitCode::from(1);
        }
        Err(error) => return fail(ui, &error),
    };
    if format == Format::Json {
        print_json(&report.diagnostics, report.stories);
    } else {
        for diagnostic in &report.diagnostics {
            ui.diagnostic(diagnostic);
        }
        let found = if report.is_clean() {
            "no problems".to_string()
        } else {
            format!(
                "{} error{}, {} warning{}",
                report.errors(),
                plural(report.errors()),
                report.warnings(),
                plural(report.warnings())
            )
        };
        ui.summary(&format!(
            "checked {} stor{} in {} ms: {found}",
            report.stories,
            if report.stories == 1 { "y" } else { "ies" },
            report.elapsed.as_millis()
        ));
    }
    if report.is_clean() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `check --format json`: one object on stdout, for editors and CI.
fn print_json(diagnostics: &[Diagnostic], stories: usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let value = serde_json::json!({
        "diagnostics": diagnostics,
        "errors": errors,
        "warnings": diagnostics.len() - errors,
        "stories": stories,
    });
    println!("{value:#}");
}

fn init(ui: &Ui, options: &InitOptions) -> ExitCode {
    match thidua::init(options) {
        Ok(report) => {
            for file in &report.files {
                ui.detail(&format!("created {}", report.dir.join(file).display()));
            }
            let dir = report.dir.display();
            ui.summary(&format!(
                "created a campaign site in {dir} ({} files). Next: edit {dir}/content/plan.yaml, then `thidua build --root {dir}`",
                report.files.len()
            ));
            ExitCode::SUCCESS
        }
        Err(error) => fail(ui, &error),
    }
}

fn new_story(ui: &Ui, options: &NewStoryOptions) -> ExitCode {
    match thidua::new_story(options) {
        Ok(report) => {
            for note in &report.notes {
                ui.diagnostic(note);
            }
            // The path is the command's result, so it is printed even when quiet.
            let path = report.path.strip_prefix(".").unwrap_or(&report.path);
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(error) => fail(ui, &error),
    }
}

fn fail(ui: &Ui, error: &thidua::Error) -> ExitCode {
    ui.error(error);
    ExitCode::from(1)
}
