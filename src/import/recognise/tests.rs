//! The recogniser over whole documents: the seed plan's text gives the bundled plan's facts.

use super::*;

/// The seed document (the text of plan 46/KH-LĐLĐ) lives beside the repository, in shared/.
const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seeds/000_75f77f7c71bf38e4.txt"
);

#[test]
fn the_seed_text_gives_the_bundled_plans_facts() {
    let text = std::fs::read_to_string(SEED).expect("the seed document beside the repository");
    let written = crate::import::writer::write(
        &recognise(lines::from_text(&text)),
        &crate::import::writer::Source {
            file_name: "seed.txt",
            unit: "dòng",
        },
    );
    let imported: yaml_serde::Value = yaml_serde::from_str(&written.yaml).unwrap();
    let bundled: yaml_serde::Value =
        yaml_serde::from_str(include_str!("../../../content/plan.yaml")).unwrap();
    for key in [
        "kind", "number", "issuer", "place", "date", "title", "basis",
    ] {
        assert_eq!(
            imported["document"][key], bundled["document"][key],
            "document.{key}"
        );
    }
    for key in ["registration_email", "recipients", "signer"] {
        assert_eq!(imported[key], bundled[key], "{key}");
    }
    for index in 0..2 {
        for key in ["name", "start", "end", "period_text", "theme", "focus"] {
            assert_eq!(
                imported["phases"][index][key], bundled["phases"][index][key],
                "phase {index} {key}"
            );
        }
    }
    let awards = |plan: &yaml_serde::Value| -> Vec<String> {
        plan["awards"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|a| a["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(awards(&imported), awards(&bundled));
    let bundled_anniversaries = bundled["anniversaries"].as_sequence().unwrap();
    let imported_anniversaries = imported["anniversaries"].as_sequence().unwrap();
    assert_eq!(imported_anniversaries.len(), bundled_anniversaries.len());
    for expected in bundled_anniversaries {
        let found = imported_anniversaries
            .iter()
            .find(|a| a["name"] == expected["name"])
            .unwrap_or_else(|| panic!("anniversary {:?}", expected["name"]));
        for key in ["origin", "lunar", "ordinal", "phase", "plan_wording"] {
            assert_eq!(found[key], expected[key], "{:?} {key}", expected["name"]);
        }
    }
    assert!(written.missing.is_empty(), "{:?}", written.missing);
}
