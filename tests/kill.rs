//! Never lose a file: a build killed at any moment leaves either the previous or the new
//! complete output, the next build clears what the killed one left behind, and content files
//! are never written.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::{build, fixture, snapshot, thidua};

/// Adds `count` small stories to a copy of the minimal fixture.
fn large_site(count: usize) -> tempfile::TempDir {
    let site = fixture("minimal");
    for i in 0..count {
        let story = format!(
            "---\nname: \"Người Thứ {i}\"\nheadline: \"Gương sáng số {i}\"\nunit: \"Đơn vị {unit}\"\n\
             sector: doanh-nghiep\naward: \"Công nhân giỏi\"\ndate: 2024-03-05\n---\n\n\
             Câu chuyện số {i}: anh chị làm việc tận tụy, giúp đỡ đồng nghiệp, tiết kiệm vật tư.\n",
            unit = i % 40
        );
        fs::write(
            site.path()
                .join(format!("content/stories/nguoi-thu-{i}.md")),
            story,
        )
        .unwrap();
    }
    site
}

/// Folders a build leaves beside the output while it runs.
fn stray_folders(site: &Path) -> Vec<String> {
    fs::read_dir(site)
        .unwrap()
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().to_string())
        .filter(|name| name.starts_with(".output.thidua-"))
        .collect()
}

/// Content with modification times, to show a build did not even touch a file.
fn content_state(site: &Path) -> Vec<(std::path::PathBuf, Vec<u8>, std::time::SystemTime)> {
    snapshot(&site.join("content"))
        .into_iter()
        .map(|(path, bytes)| {
            let modified = fs::metadata(site.join("content").join(&path))
                .unwrap()
                .modified()
                .unwrap();
            (path, bytes, modified)
        })
        .collect()
}

/// The moments at which a build is killed, each recognised on disk rather than guessed from
/// time: `staging` is the child's staging folder, `output_inode` the output folder's inode before
/// the child started.
#[cfg(unix)]
#[derive(Debug, Clone, Copy)]
enum Moment {
    /// At once, while the site is being loaded.
    Start,
    /// As soon as the staging folder exists.
    StagingCreated,
    /// When half the story pages are in the staging folder.
    HalfWritten,
    /// When the staging folder is complete (its marker is written last), before the swap.
    StagingComplete,
    /// When, after the staging folder was complete, a complete build starts losing pages: the
    /// previous build being removed (or, were the swap not atomic, the output itself).
    Removing,
    /// When the output folder has been swapped (its inode changed).
    Swapped,
}

/// What is watched while waiting for a [`Moment`].
#[cfg(unix)]
struct Watch<'a> {
    staging: &'a Path,
    output: &'a Path,
    output_inode: u64,
    stories: usize,
    staging_was_complete: bool,
}

#[cfg(unix)]
impl Watch<'_> {
    fn reached(&mut self, moment: Moment) -> bool {
        use std::os::unix::fs::MetadataExt;
        let pages = |folder: &Path| {
            fs::read_dir(folder.join("bang-vang")).map_or(0, |entries| entries.count())
        };
        match moment {
            Moment::Start => true,
            Moment::StagingCreated => self.staging.exists(),
            Moment::HalfWritten => pages(self.staging) >= self.stories / 2,
            Moment::StagingComplete => self.staging.join(".thidua-output").exists(),
            Moment::Removing => {
                if !self.staging_was_complete {
                    self.staging_was_complete = self.staging.join(".thidua-output").exists();
                    return false;
                }
                // A complete build has a page per story plus the honor roll's index.
                pages(self.output) <= self.stories || pages(self.staging) <= self.stories
            }
            Moment::Swapped => {
                fs::metadata(self.output).is_ok_and(|m| m.ino() != self.output_inode)
            }
        }
    }
}

#[cfg(unix)]
#[test]
fn a_build_killed_at_any_moment_leaves_a_complete_output() {
    use std::os::unix::fs::MetadataExt;
    const STORIES: usize = 2000;
    let site = large_site(STORIES);
    let root = site.path();
    let output = root.join("output");
    let content_before = content_state(root);

    // Two different complete builds of the same site: "today" moves every countdown.
    let days = ["2024-03-01", "2024-09-01"];
    build(root, days[1]);
    let built_on_second_day = snapshot(&output);
    build(root, days[0]);
    let built_on_first_day = snapshot(&output);
    assert!(built_on_first_day != built_on_second_day);
    assert!(built_on_first_day.len() > STORIES);
    let complete = [built_on_first_day, built_on_second_day];

    let mut current = 0;
    let mut killed_at = Vec::new();
    for moment in [
        Moment::Start,
        Moment::StagingCreated,
        Moment::HalfWritten,
        Moment::StagingComplete,
        Moment::Removing,
        Moment::Swapped,
    ] {
        let target = 1 - current;
        let output_inode = fs::metadata(&output).unwrap().ino();
        let mut child = Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args(["build", "--today", days[target]])
            .current_dir(root)
            .env_clear()
            .env("HOME", root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("run thidua");
        let staging = root.join(format!(".output.thidua-tmp-{}", child.id()));
        let mut watch = Watch {
            staging: &staging,
            output: &output,
            output_inode,
            stories: STORIES,
            staging_was_complete: false,
        };
        // Bounded: a build that ends before the moment is reached is simply not killed.
        let deadline = Instant::now() + Duration::from_secs(120);
        let mut finished = None;
        while finished.is_none() && Instant::now() < deadline {
            if watch.reached(moment) {
                break;
            }
            finished = child.try_wait().unwrap();
            sleep(Duration::from_micros(200));
        }
        if finished.is_none() {
            child.kill().unwrap(); // SIGKILL
            killed_at.push(moment);
        }
        let status = child.wait().unwrap();
        let now = snapshot(&output);
        let Some(state) = complete.iter().position(|build| *build == now) else {
            panic!(
                "killed at {moment:?}: the output is neither the previous nor the new build \
                 ({} files)",
                now.len()
            );
        };
        if finished.is_some() {
            assert!(status.success());
            assert_eq!(state, target);
        }
        current = state;
    }
    assert!(
        killed_at.len() >= 3,
        "only {killed_at:?} were reached before the builds finished"
    );

    // The next build clears every folder the killed builds left behind.
    build(root, days[0]);
    assert_eq!(stray_folders(root), Vec::<String>::new());
    assert!(snapshot(&output) == complete[0]);
    assert!(
        content_state(root) == content_before,
        "a content file was written"
    );
}

#[test]
fn build_and_check_never_write_content_files() {
    let site = fixture("minimal");
    let root = site.path();
    let before = content_state(root);
    build(root, "2024-03-01");
    build(root, "2024-03-02");
    assert!(
        thidua(root, &["check", "--today", "2024-03-01"])
            .status
            .success()
    );
    // A failing build does not write content either.
    fs::write(root.join("content/stories/hỏng.md"), "no front matter\n").unwrap();
    let broken = content_state(root);
    assert_eq!(
        thidua(root, &["build", "--today", "2024-03-01"])
            .status
            .code(),
        Some(1)
    );
    assert!(content_state(root) == broken);
    fs::remove_file(root.join("content/stories/hỏng.md")).unwrap();
    assert!(content_state(root) == before, "a content file was written");
}

#[cfg(target_os = "linux")]
#[test]
fn a_staging_folder_of_a_running_build_is_left_alone() {
    let site = fixture("minimal");
    let root = site.path();
    build(root, "2024-03-01");
    // Process 1 is always running; a process id this large cannot be.
    let live = root.join(".output.thidua-tmp-1");
    let dead = root.join(".output.thidua-tmp-999999999");
    let dead_retired = root.join(".output.thidua-old-999999998");
    for folder in [&live, &dead, &dead_retired] {
        fs::create_dir_all(folder).unwrap();
        fs::write(folder.join("index.html"), "half written").unwrap();
    }
    build(root, "2024-03-01");
    assert!(live.join("index.html").exists());
    assert_eq!(stray_folders(root), [".output.thidua-tmp-1"]);
}

#[test]
fn a_previous_build_moved_aside_is_restored_when_the_swap_was_cut() {
    // A build killed between the two renames of the fallback swap leaves no output folder and
    // the previous build aside: the next build puts it back first, even when it fails itself.
    let site = fixture("minimal");
    let root = site.path();
    build(root, "2024-03-01");
    let previous = snapshot(&root.join("output"));
    fs::rename(
        root.join("output"),
        root.join(".output.thidua-old-999999999"),
    )
    .unwrap();
    fs::create_dir_all(root.join(".output.thidua-tmp-999999999")).unwrap();
    fs::write(root.join("content/stories/hỏng.md"), "no front matter\n").unwrap();
    assert_eq!(
        thidua(root, &["build", "--today", "2024-09-01"])
            .status
            .code(),
        Some(1)
    );
    assert!(snapshot(&root.join("output")) == previous);
    assert_eq!(stray_folders(root), Vec::<String>::new());
}
