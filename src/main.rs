//! The `thidua` command: parses arguments, calls the library, prints what it reports and
//! chooses the exit code (0 success, 1 the site has problems or the work failed, 2 bad
//! arguments).

mod cli;
mod ui;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use cli::{Cli, Command, Format, NewCommand, ServeArgs};
use std::sync::Mutex;
use thidua::serve::{Change, ServeEvent};
use thidua::{BuildOptions, Diagnostic, Error, InitOptions, NewStoryOptions};
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
        Command::Serve(args) => serve(&ui, &args),
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
        Err(error) => {
            let code = fail(ui, &error);
            if !matches!(error, Error::Invalid(_)) {
                // Pages may have been rendered already, but only into the staging folder.
                // (The content errors' message says so itself.)
                eprintln!(
                    "nothing was written: {} is as it was",
                    options.output_dir().display()
                );
            }
            code
        }
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

fn fail(ui: &Ui, error: &Error) -> ExitCode {
    ui.error(error);
    ExitCode::from(1)
}

/// Runs the preview server, printing what it does; returns when Ctrl-C stops it.
fn serve(ui: &Ui, args: &ServeArgs) -> ExitCode {
    let open = args.open;
    let loopback = args.bind.is_loopback();
    // Warnings are printed when they differ from the last build's, not on every save.
    let shown_warnings = Mutex::new(None::<Vec<thidua::Diagnostic>>);
    let result = thidua::serve(args.options(), move |event| match event {
        ServeEvent::Listening { url, busy_port } => {
            if let Some(port) = busy_port {
                println!("port {port} is in use; using the next free one");
            }
            println!("serving the preview at {url}");
            if !loopback {
                println!("note: the preview is reachable from other computers on your network");
            }
            println!("watching content/ and themes/ for changes; press Ctrl-C to stop");
            if open {
                open_browser(&url);
            }
        }
        ServeEvent::Built {
            report,
            change,
            changed_files,
        } => {
            let mut shown = shown_warnings.lock().unwrap_or_else(|e| e.into_inner());
            if shown.as_ref() != Some(&report.warnings) {
                for warning in &report.warnings {
                    eprintln!("{warning}");
                }
                *shown = Some(report.warnings.clone());
            }
            let what = match &change {
                Change::Nothing => "no page changed".to_string(),
                Change::Styles(paths) => format!("styles changed: {}", paths.join(", ")),
                Change::Pages(paths) => {
                    format!("{} file{} changed", paths.len(), plural(paths.len()))
                }
            };
            let (prefix, what) = if changed_files.is_empty() {
                ("built".to_string(), String::new())
            } else {
                (
                    format!("{}: rebuilt", describe(&changed_files)),
                    format!(", {what}"),
                )
            };
            let pages = if report.rendered == report.pages {
                report.pages.to_string()
            } else {
                format!("{} of {}", report.rendered, report.pages)
            };
            println!(
                "[{}] {prefix} {pages} pages ({} stories, {} re-read) in {} ms{what}; {} warning{}",
                clock(),
                report.stories,
                report.reparsed,
                report.elapsed.as_millis(),
                report.warnings.len(),
                plural(report.warnings.len())
            );
        }
        ServeEvent::Failed {
            error,
            changed_files,
        } => {
            if !changed_files.is_empty() {
                eprintln!("[{}] {} changed:", clock(), describe(&changed_files));
            }
            eprintln!("{error}");
            eprintln!("the preview keeps showing the last good build; fix the file and save");
        }
        ServeEvent::WatchProblem(problem) => eprintln!("watching for changes: {problem}"),
        ServeEvent::Stopped => println!("stopped"),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(ui, &error),
    }
}

fn describe(files: &[std::path::PathBuf]) -> String {
    match files {
        [one] => one.display().to_string(),
        [first, rest @ ..] => format!("{} and {} more", first.display(), rest.len()),
        [] => String::new(),
    }
}

fn clock() -> String {
    chrono::Local::now().format("%H:%M:%S").to_string()
}

/// Opens `url` in the default browser; a failure is only reported.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if let Err(error) = opener {
        eprintln!("could not open a browser ({error}); open {url} yourself");
    }
}
