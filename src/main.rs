//! The `thidua` command: parses arguments, calls the library, prints diagnostics and chooses
//! the exit code (0 success, 1 the site has errors or the build failed, 2 bad arguments).

mod cli;

use std::process::ExitCode;
use std::sync::Mutex;

use clap::Parser;

use cli::{Cli, Command, ServeArgs};
use thidua::serve::{Change, ServeEvent};

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
        Command::Serve(args) => serve(&args),
    }
}

/// Runs the preview server, printing what it does; returns when Ctrl-C stops it.
fn serve(args: &ServeArgs) -> ExitCode {
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
            println!(
                "[{}] {prefix} {} pages ({} stories, {} re-read) in {} ms{what}; {} warning{}",
                clock(),
                report.pages,
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
        Err(error) => fail(&error),
    }
}

fn describe(files: &[std::path::PathBuf]) -> String {
    match files {
        [one] => one.display().to_string(),
        [first, rest @ ..] => format!("{} and {} more", first.display(), rest.len()),
        [] => String::new(),
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
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

fn fail(error: &thidua::Error) -> ExitCode {
    eprintln!("{error}");
    ExitCode::from(1)
}
