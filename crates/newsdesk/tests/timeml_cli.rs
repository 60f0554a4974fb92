//! End-to-end tests of `newsdesk timeml`, `newsdesk eval-timeml` and the
//! time expressions of `newsdesk analyze`, through the real binary.

use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsdesk"))
}

const DOC: &str = "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>X1</DOCID>\n\
<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2022-01-09\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">20220109</TIMEX3></DCT>\n\
<TEXT>\nTalks are <EVENT eid=\"e1\">scheduled</EVENT> for <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2022-01-12\">Wednesday</TIMEX3>, \
the first in <TIMEX3 tid=\"t2\" type=\"DURATION\" value=\"P2Y6M\">two and a half years</TIMEX3>. \
Prices rose <TIMEX3 tid=\"t3\" type=\"DATE\" value=\"2021\">last year</TIMEX3>.\n</TEXT>\n<TLINK lid=\"l1\" timeID=\"t1\" relatedToTime=\"t0\" relType=\"AFTER\"/>\n</TimeML>\n";

#[test]
fn timeml_tag_then_score() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold");
    let sys = dir.path().join("sys");
    std::fs::create_dir_all(gold.join("sub")).unwrap();
    std::fs::write(gold.join("sub/x1.tml"), DOC).unwrap();

    let out = bin().arg("timeml").arg(&gold).arg(&sys).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let written = std::fs::read_to_string(sys.join("sub/x1.tml")).unwrap();
    assert!(written.contains("functionInDocument=\"CREATION_TIME\""), "DCT kept");
    assert!(!written.contains("<EVENT"), "gold annotation removed");
    assert!(!written.contains("TLINK"), "links to removed tags dropped");
    assert!(written.contains(r#"type="DATE" value="2022-01-12">Wednesday</TIMEX3>"#), "{written}");
    assert!(written.contains(r#"type="DURATION" value="P2Y6M">two and a half years</TIMEX3>"#), "{written}");

    let out = bin().args(["eval-timeml", "--errors", "--gold"]).arg(&gold).arg("--system").arg(&sys).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains("gold 3 system 3"), "{report}");
    assert!(report.contains("relaxed  P 1.0000 R 1.0000 F1 1.0000"), "{report}");
    assert!(report.contains("value    accuracy 1.0000"), "{report}");
}

#[test]
fn eval_timeml_lists_errors() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold");
    let sys = dir.path().join("sys");
    std::fs::create_dir_all(&gold).unwrap();
    std::fs::create_dir_all(&sys).unwrap();
    std::fs::write(gold.join("x1.tml"), DOC).unwrap();
    // A system that found only "Wednesday", with a wrong value.
    let wrong = "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>X1</DOCID>\n\
<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2022-01-09\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">20220109</TIMEX3></DCT>\n\
<TEXT>\nTalks are scheduled for <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2022-01-05\">Wednesday</TIMEX3>, \
the first in two and a half years. Prices rose last year.\n</TEXT>\n</TimeML>\n";
    std::fs::write(sys.join("x1.tml"), wrong).unwrap();
    let out = bin().args(["eval-timeml", "--errors", "--gold"]).arg(&gold).arg("--system").arg(&sys).output().unwrap();
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains("gold 3 system 1"), "{report}");
    assert!(
        report.contains("x1.tml\tvalue\tgold: \"Wednesday\" DATE 2022-01-12\tsystem: \"Wednesday\" DATE 2022-01-05"),
        "{report}"
    );
    assert_eq!(report.matches("\tmissed\t").count(), 2, "{report}");
    assert!(report.contains("value    accuracy 0.0000"), "{report}");
}

#[test]
fn analyze_seed_times() {
    let seed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds/000_fee57e7940c4a111.txt");
    if !seed.exists() {
        eprintln!("SKIPPED: seed article not found at {}", seed.display());
        return;
    }
    let out = bin().arg("analyze").arg(&seed).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let line = String::from_utf8(out.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    let text = v["text"].as_str().unwrap();
    let times = v["times"].as_array().unwrap();
    let get = |t: &str| -> Vec<String> {
        times.iter().filter(|x| x["text"] == t).map(|x| x["value"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(get("Monday"), vec!["2022-01-10"; 2]);
    assert_eq!(get("Wednesday"), vec!["2022-01-12"]);
    assert_eq!(get("Thursday"), vec!["2022-01-13"]);
    assert_eq!(get("the day before"), vec!["2022-01-08"]);
    assert_eq!(get("the coming week"), vec!["2022-W02"]);
    for t in times {
        let (s, e) = (t["start"].as_u64().unwrap() as usize, t["end"].as_u64().unwrap() as usize);
        let piece: String = text.chars().skip(s).take(e - s).collect();
        assert_eq!(piece, t["text"].as_str().unwrap(), "code point offsets");
    }
    let out = bin().arg("analyze").arg("--pretty").arg(&seed).output().unwrap();
    let pretty = String::from_utf8(out.stdout).unwrap();
    assert!(pretty.contains("⟦Monday → 2022-01-10⟧"), "{pretty}");
}
