//! The `pishkhan` CLI's review commands against the real platform, offline after one sync:
//! filtered lists with Jalali dates and Toman amounts typed in Persian digits, and exports whose
//! rows are exactly the list's rows.

use pishkhan_tests::{CliUser, PlatformProcess};
use serde_json::Value;

fn numbers(list: &Value) -> Vec<String> {
    list["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["orderNumber"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn filtered_lists_and_exports_agree_offline() {
    let p = PlatformProcess::start(Some(400));
    let user = CliUser::new();
    user.login(&p);
    user.ok(&["sync"]);
    drop(p); // Everything below runs from the cache alone.

    // A Jalali range typed in Persian digits, a Toman floor, paid orders, by amount.
    let filters = [
        "--from",
        "۱۴۰۰/۰۱/۰۱",
        "--to",
        "1499/12/29",
        "--min-toman",
        "۵۰۰٬۰۰۰",
        "--payment",
        "paid",
        "--sort",
        "amount",
    ];
    let mut args = vec!["orders", "list", "--limit", "500", "--json"];
    args.extend(filters);
    let list: Value = user.json(&args);
    let total = list["total"].as_u64().unwrap();
    assert!(
        total > 10 && total < 400,
        "the filter keeps some orders: {total}"
    );
    let amounts: Vec<i64> = list["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["finalTotal"].as_i64().unwrap())
        .collect();
    assert!(
        amounts.iter().all(|a| *a >= 5_000_000),
        "Toman floor as Rials"
    );
    assert!(amounts.windows(2).all(|w| w[0] >= w[1]), "largest first");

    let out = tempfile::tempdir().unwrap();
    let csv_path = out.path().join("سفارش‌ها.csv");
    let mut args = vec!["export", "orders", "--out", csv_path.to_str().unwrap()];
    args.extend(filters);
    let said = user.ok(&args);
    assert!(said.contains(&format!("{total} rows")), "{said}");
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let exported: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    assert_eq!(
        exported,
        numbers(&list),
        "the export has the list's rows in its order"
    );

    let xlsx = out.path().join("customers.xlsx");
    let said = user.ok(&[
        "export",
        "customers",
        "--out",
        xlsx.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert!(said.contains("rows written"), "{said}");
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));

    // Mistakes are explained, with exit code 2, and write nothing.
    let bad = user.run(&["orders", "list", "--from", "1403/13/01"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("1403/05/01 (Jalali)"));
    let swapped = out.path().join("swapped.csv");
    let bad = user.run(&[
        "export",
        "orders",
        "--out",
        swapped.to_str().unwrap(),
        "--min-toman",
        "9",
        "--max-toman",
        "1",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("حداقل مبلغ"));
    assert!(!swapped.exists());
}
