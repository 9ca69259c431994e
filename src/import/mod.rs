//! `thidua import plan`: turns the signed campaign document (Word, text or PDF) into a
//! `content/plan.yaml` to review. Readers turn a file into lines; the recogniser (pure)
//! reads the lines into facts; the writer lays the facts out as the starter plan does, each
//! with its source line, guesses marked `# KIỂM TRA`.

pub mod dates;
pub mod lines;
pub mod recognise;
pub mod writer;
