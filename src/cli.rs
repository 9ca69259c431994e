//! Command-line arguments. Each subcommand's arguments turn into a library options struct.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use thidua::{Audience, BuildOptions, ServeOptions};

#[derive(Parser)]
#[command(
    name = "thidua",
    version,
    about = "Static sites for emulation campaigns (phong trào thi đua): plan + worker stories → website"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default: ROOT/output).
    Build(BuildArgs),
    /// Validate the site and report every problem, without writing anything.
    Check(CommonArgs),
    /// Preview the site: build it in memory, serve it on this computer, and rebuild and reload
    /// open browser tabs on every save.
    Serve(ServeArgs),
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

#[derive(Clone, Copy, ValueEnum)]
pub enum AudienceArg {
    Public,
    Internal,
}

fn parse_today(text: &str) -> Result<NaiveDate, String> {
    thidua::calendar::parse_date(text)
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
