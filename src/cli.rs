//! Command-line arguments. Each subcommand's arguments turn into a library options struct.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use thidua::{Audience, BuildOptions, InitOptions, NewStoryOptions, ServeOptions};

const EXIT_CODES: &str = "Exit codes: 0 success; 1 the site has problems (for `check`: any error or \
warning) or the work could not be done; 2 invalid command-line arguments.";

#[derive(Parser)]
#[command(
    name = "thidua",
    version,
    propagate_version = true,
    about = "Static sites for emulation campaigns (phong trào thi đua): plan + worker stories → website",
    after_help = EXIT_CODES
)]
pub struct Cli {
    #[command(flatten)]
    pub verbosity: Verbosity,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args)]
pub struct Verbosity {
    /// Print only errors: no warnings, notes or summary line.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more: each build stage as it starts, every file created.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default: ROOT/output).
    Build(BuildArgs),
    /// Report every problem in the site (what `build` checks, plus broken links, missing
    /// images, unused media, misspelt unit names, anniversaries in no phase), writing nothing.
    Check(CheckArgs),
    /// Preview the site: build it in memory, serve it on this computer, and rebuild and reload
    /// open browser tabs on every save.
    Serve(ServeArgs),
    /// Create a new campaign site in DIR that builds at once.
    Init(InitArgs),
    /// Create a new content file.
    #[command(subcommand)]
    New(NewCommand),
    /// Print a shell completion script, e.g. `thidua completions bash > ~/.local/share/bash-completion/completions/thidua`.
    Completions(CompletionsArgs),
}

#[derive(Args)]
pub struct CommonArgs {
    /// The site folder, holding content/ (and optionally themes/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Today's date for phase status and countdowns, YYYY-MM-DD (default: today in the
    /// campaign's timezone).
    #[arg(long, value_parser = parse_today)]
    pub today: Option<NaiveDate>,
    /// Include stories marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Who the site is for: the public website, or the internal bulletin (includes stories
    /// marked `visibility: internal`).
    #[arg(long, value_enum, default_value_t = AudienceArg::Public)]
    pub audience: AudienceArg,
}

#[derive(Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Output folder (default: ROOT/output). It is replaced as a whole when the build succeeds.
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// The URL the site is published under (overrides base_url in content/site.yaml).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Replace the output folder even if thidua did not create it.
    #[arg(long)]
    pub force: bool,
    /// Where processed photos are cached (default: ROOT/.thidua-cache).
    #[arg(long, env = "THIDUA_CACHE_DIR")]
    pub cache_dir: Option<PathBuf>,
}

#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Address to listen on. The default, 127.0.0.1, keeps the preview (with its drafts) on
    /// this computer.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,
    /// Port to listen on; when it is busy, the next free one is used. 0 picks any free port.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Open the preview in the default web browser.
    #[arg(long)]
    pub open: bool,
}

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// `text` for people, `json` (on stdout) for editors and CI.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Args)]
pub struct InitArgs {
    /// The folder for the new site; created if missing, else it must be empty.
    pub dir: PathBuf,
    /// Add the starter files to a folder that is not empty (existing files are never
    /// overwritten: init refuses and writes nothing if one is in the way).
    #[arg(long)]
    pub force: bool,
    /// The campaign year (default: this year).
    #[arg(long)]
    pub year: Option<i32>,
    /// Also copy a bundled theme into themes/<THEME>/ to edit it.
    #[arg(long, value_name = "THEME", value_parser = clap::builder::PossibleValuesParser::new(thidua::scaffold::init::BUNDLED_THEMES))]
    pub theme_from: Option<String>,
}

#[derive(Subcommand)]
pub enum NewCommand {
    /// A story about one worker: content/stories/<name>.md, a draft to fill in.
    Story(NewStoryArgs),
}

#[derive(Args)]
pub struct NewStoryArgs {
    /// The worker's full name, e.g. "Nguyễn Văn An".
    pub name: String,
    /// The worker's unit.
    #[arg(long)]
    pub unit: Option<String>,
    /// An award title from the plan, by name or id (default: the plan's first).
    #[arg(long)]
    pub award: Option<String>,
    /// A sector from the plan, by id or name (default: the plan's first, when it has sectors).
    #[arg(long)]
    pub sector: Option<String>,
    /// The story's date, YYYY-MM-DD (default: today in the campaign's timezone).
    #[arg(long, value_parser = parse_today)]
    pub date: Option<NaiveDate>,
    /// The site folder, holding content/.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum AudienceArg {
    Public,
    Internal,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

fn parse_today(text: &str) -> Result<NaiveDate, String> {
    thidua::time::calendar::parse_date(text)
}

impl CommonArgs {
    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            today: self.today,
            drafts: self.drafts,
            audience: match self.audience {
                AudienceArg::Public => Audience::Public,
                AudienceArg::Internal => Audience::Internal,
            },
            ..BuildOptions::default()
        }
    }
}

impl BuildArgs {
    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            output: self.output.clone(),
            base_url: self.base_url.clone(),
            force: self.force,
            cache_dir: self.cache_dir.clone(),
            ..self.common.options()
        }
    }
}

impl ServeArgs {
    pub fn options(&self) -> ServeOptions {
        ServeOptions {
            build: self.common.options(),
            bind: self.bind,
            port: self.port,
        }
    }
}

impl InitArgs {
    pub fn options(&self) -> InitOptions {
        InitOptions {
            dir: self.dir.clone(),
            force: self.force,
            year: self.year,
            theme_from: self.theme_from.clone(),
            today: None,
        }
    }
}

impl NewStoryArgs {
    pub fn options(&self) -> NewStoryOptions {
        NewStoryOptions {
            root: self.root.clone(),
            name: self.name.clone(),
            unit: self.unit.clone(),
            award: self.award.clone(),
            sector: self.sector.clone(),
            date: self.date,
        }
    }
}
