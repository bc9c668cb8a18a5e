//! Offline review over a real cache: the reference platform runs in-process on a loopback
//! port, the app signs in and syncs into SQLite on disk, then every list query, count,
//! detail, dashboard figure and export is checked against an oracle computed in plain Rust
//! from the cached orders themselves. No network is needed after the sync.

use std::collections::HashSet;

use chrono::NaiveDate;
use pishkhan_api::{Order, OrderStatus, PaymentStatus};
use pishkhan_core::cache::search::words;
use pishkhan_core::tehran;
use pishkhan_core::{
    CustomerQuery, DashboardQuery, ExportFormat, Language, OrderQuery, Pishkhan, SortDirection,
    SortKey,
};
use pishkhan_platform::{Platform, PlatformConfig};

struct World {
    app: Pishkhan,
    orders: Vec<Order>,
    platform: Platform,
    dir: tempfile::TempDir,
}

/// Rewrites one order on the platform (as a merchant's edit on the web would).
async fn edit_order(p: &Platform, id: i64, edit: impl FnOnce(&mut Order)) {
    use pishkhan_platform::store::{self, records};
    let mut order = records::get_order(&p.db, 1, id).await.unwrap();
    edit(&mut order);
    records::touch_order(&mut order);
    let mut tx = store::begin_write(&p.db).await.unwrap();
    records::put_orders(&mut tx, 1, &[order]).await.unwrap();
    tx.commit().await.unwrap();
}

/// A platform with 1,200 generated orders, three of them edited to carry the spellings the
/// search must see through, synced into a fresh cache.
async fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let mut config = PlatformConfig::new(dir.path().join("platform"));
    config.demo_orders = Some(1200);
    let platform = Platform::start(config).await.unwrap();
    // Arabic yeh and kaf in the buyer's name; a ZWNJ-joined surname.
    edit_order(&platform, 10, |o| {
        o.shipping_address.first_name = "علي".into();
        o.shipping_address.last_name = "كريمي\u{200C}نژاد".into();
        o.shipping_address.mobile_phone = Some("+989127770011".into());
    })
    .await;
    // A note a spreadsheet would run as a formula.
    edit_order(&platform, 11, |o| {
        o.note = Some("=HYPERLINK(\"http://x\")".into())
    })
    .await;
    let app = Pishkhan::new(dir.path().join("app"));
    app.login(
        &platform.url,
        pishkhan_platform::DEMO_EMAIL,
        pishkhan_platform::DEMO_PASSWORD,
    )
    .await
    .unwrap();
    app.sync(&|_| {}).await.unwrap();
    let cache = app.cache().await.unwrap();
    let docs: Vec<String> = sqlx::query_scalar("SELECT doc FROM orders")
        .fetch_all(cache.pool())
        .await
        .unwrap();
    let orders = docs
        .iter()
        .map(|d| serde_json::from_str(d).unwrap())
        .collect();
    World {
        app,
        orders,
        platform,
        dir,
    }
}

fn shipping_method(o: &Order) -> Option<&str> {
    o.invoice
        .shipping_items
        .first()
        .map(|s| s.rate.name.as_str())
}

fn day(o: &Order) -> NaiveDate {
    tehran::date_of_ms(o.created_at.timestamp_millis())
}

/// Every word an order can be found by, written out independently of the indexer.
fn searchable_words(o: &Order) -> Vec<String> {
    let a = &o.shipping_address;
    let mut fields = vec![
        o.order_number.clone(),
        o.order_identifier.clone(),
        a.first_name.clone(),
        a.last_name.clone(),
    ];
    if let Some(m) = &a.mobile_phone {
        let national = format!("0{}", &m[3..]);
        fields.extend([m.clone(), national.clone(), national[1..].to_string()]);
    }
    fields.extend(
        [
            &a.phone_number,
            &a.email,
            &a.postal_code,
            &a.city,
            &a.region,
        ]
        .into_iter()
        .flatten()
        .cloned(),
    );
    fields.extend(o.invoice.invoice_items.iter().map(|i| i.name.clone()));
    fields.extend(
        o.invoice
            .shipping_items
            .iter()
            .filter_map(|s| s.tracking_code.clone()),
    );
    fields.iter().flat_map(|f| words(f)).collect()
}

fn matches(o: &Order, q: &OrderQuery) -> bool {
    let a = &o.shipping_address;
    q.status.is_none_or(|s| o.status == s)
        && q.payment_status.is_none_or(|p| o.payment_status == p)
        && q.shipping_method
            .as_deref()
            .is_none_or(|m| shipping_method(o) == Some(m))
        && q.province
            .as_ref()
            .is_none_or(|p| a.region.as_ref() == Some(p))
        && q.city.as_ref().is_none_or(|c| a.city.as_ref() == Some(c))
        && q.customer_id.is_none_or(|c| o.customer_id == Some(c))
        && q.min_total.is_none_or(|m| o.invoice.final_total >= m)
        && q.max_total.is_none_or(|m| o.invoice.final_total <= m)
        && q.from_date.is_none_or(|d| day(o) >= d)
        && q.to_date.is_none_or(|d| day(o) <= d)
        && q.search.as_deref().is_none_or(|s| {
            let have = searchable_words(o);
            words(s)
                .iter()
                .all(|w| have.iter().any(|h| h.starts_with(w.as_str())))
        })
}

fn rank(s: OrderStatus) -> usize {
    OrderStatus::ALL.iter().position(|x| *x == s).unwrap()
}

/// The ids the list must show for `q`, in order.
fn expected(orders: &[Order], q: &OrderQuery) -> Vec<i64> {
    let mut hits: Vec<&Order> = orders.iter().filter(|o| matches(o, q)).collect();
    let searching = q.search.as_deref().is_some_and(|s| !words(s).is_empty());
    let key = q.sort.unwrap_or_default();
    hits.sort_by_key(|o| {
        let t = o.created_at.timestamp_millis();
        match key {
            SortKey::Date if searching => (0, 0, o.id),
            SortKey::Date => (t, 0, o.id),
            SortKey::Amount => (o.invoice.final_total, t, o.id),
            SortKey::Status => (rank(o.status) as i64, t, o.id),
        }
    });
    if q.direction.unwrap_or_default() == SortDirection::Desc {
        hits.reverse();
    }
    hits.iter().map(|o| o.id).collect()
}

/// Walks every page of `q` (small pages, so keyset positions are exercised).
async fn walk(app: &Pishkhan, q: &OrderQuery) -> Vec<i64> {
    let mut q = OrderQuery {
        limit: Some(37),
        ..q.clone()
    };
    let mut ids = Vec::new();
    loop {
        let page = app.orders(&q).await.unwrap();
        assert!(page.orders.len() <= 37);
        ids.extend(page.orders.iter().map(|o| o.id));
        match page.next_after {
            Some(after) => q.after = Some(after),
            None => break,
        }
    }
    ids
}

fn sample_queries(orders: &[Order]) -> Vec<OrderQuery> {
    let o = &orders[orders.len() / 2];
    let a = &o.shipping_address;
    let mut totals: Vec<i64> = orders.iter().map(|o| o.invoice.final_total).collect();
    totals.sort();
    let (low, high) = (totals[totals.len() / 4], totals[totals.len() * 3 / 4]);
    let d = day(o);
    let surname_prefix: String = a.last_name.chars().take(3).collect();
    let base = OrderQuery::default();
    let mut qs = vec![base.clone()];
    for status in OrderStatus::ALL {
        qs.push(OrderQuery {
            status: Some(status),
            ..base.clone()
        });
    }
    qs.extend([
        OrderQuery {
            payment_status: Some(PaymentStatus::Unpaid),
            ..base.clone()
        },
        OrderQuery {
            shipping_method: shipping_method(o).map(String::from),
            ..base.clone()
        },
        OrderQuery {
            province: a.region.clone(),
            ..base.clone()
        },
        OrderQuery {
            province: a.region.clone(),
            city: a.city.clone(),
            ..base.clone()
        },
        OrderQuery {
            customer_id: o.customer_id,
            ..base.clone()
        },
        OrderQuery {
            min_total: Some(low),
            max_total: Some(high),
            ..base.clone()
        },
        OrderQuery {
            min_total: Some(o.invoice.final_total),
            max_total: Some(o.invoice.final_total),
            ..base.clone()
        },
        OrderQuery {
            min_total: Some(high),
            sort: Some(SortKey::Amount),
            ..base.clone()
        },
        OrderQuery {
            from_date: Some(d - chrono::Duration::days(20)),
            to_date: Some(d),
            ..base.clone()
        },
        OrderQuery {
            from_date: Some(d),
            to_date: Some(d),
            ..base.clone()
        },
        OrderQuery {
            sort: Some(SortKey::Amount),
            ..base.clone()
        },
        OrderQuery {
            sort: Some(SortKey::Amount),
            direction: Some(SortDirection::Asc),
            ..base.clone()
        },
        OrderQuery {
            sort: Some(SortKey::Status),
            ..base.clone()
        },
        OrderQuery {
            sort: Some(SortKey::Status),
            direction: Some(SortDirection::Asc),
            ..base.clone()
        },
        OrderQuery {
            direction: Some(SortDirection::Asc),
            ..base.clone()
        },
        OrderQuery {
            search: Some(surname_prefix.clone()),
            ..base.clone()
        },
        OrderQuery {
            search: Some(surname_prefix.clone()),
            sort: Some(SortKey::Amount),
            ..base.clone()
        },
        OrderQuery {
            search: Some(surname_prefix),
            status: Some(OrderStatus::Delivered),
            direction: Some(SortDirection::Asc),
            ..base.clone()
        },
        OrderQuery {
            search: a.city.clone(),
            payment_status: Some(PaymentStatus::Paid),
            ..base.clone()
        },
        OrderQuery {
            status: Some(OrderStatus::Delivered),
            province: a.region.clone(),
            min_total: Some(low),
            from_date: Some(d - chrono::Duration::days(200)),
            sort: Some(SortKey::Status),
            ..base.clone()
        },
        OrderQuery {
            search: Some(" ... ".into()),
            ..base.clone()
        },
    ]);
    qs
}

#[tokio::test]
async fn every_filter_sort_and_search_matches_the_oracle() {
    let w = world().await;
    assert_eq!(w.orders.len(), 1200);
    let mut nonempty = 0;
    for q in sample_queries(&w.orders) {
        let want = expected(&w.orders, &q);
        let got = walk(&w.app, &q).await;
        assert_eq!(got, want, "list of {q:?}");
        assert_eq!(
            w.app.count_orders(&q).await.unwrap(),
            want.len() as u64,
            "count of {q:?}"
        );
        let unique: HashSet<i64> = got.iter().copied().collect();
        assert_eq!(unique.len(), got.len(), "no order twice in {q:?}");
        if !want.is_empty() {
            nonempty += 1;
        }
    }
    assert!(
        nonempty >= 20,
        "the sample queries must mostly find orders ({nonempty})"
    );
    w.platform.stop().await;
}

#[tokio::test]
async fn search_sees_through_persian_spellings() {
    let w = world().await;
    let find = |s: &str| OrderQuery {
        search: Some(s.into()),
        ..OrderQuery::default()
    };
    for typed in [
        "علی",             // Persian yeh finds the Arabic one typed in the order
        "علي كريمي",       // Arabic letters find it too
        "کریمی نژاد",      // a space where the order has ZWNJ
        "کریمی\u{200C}نژ", // ZWNJ and a prefix
        "۰۹۱۲۷۷۷",         // Persian digits, prefix of 09127770011
        "٠٩١٢٧٧٧٠٠١١",     // Arabic-Indic digits
        "9127770011",      // without the leading zero
        "+98912777",       // international form
    ] {
        let ids = walk(&w.app, &find(typed)).await;
        assert!(ids.contains(&10), "{typed:?} finds order 10, got {ids:?}");
    }
    let number = &w.orders.iter().find(|o| o.id == 25).unwrap().order_number;
    let persian_number: String = number
        .chars()
        .map(|c| char::from_u32(c as u32 - '0' as u32 + 0x06F0).unwrap())
        .collect();
    assert_eq!(
        walk(&w.app, &find(&persian_number)).await.first(),
        Some(&25)
    );
    assert!(walk(&w.app, &find("zzzqqq")).await.is_empty());
    // FTS5 syntax typed by a merchant is plain text, not an error.
    for odd in ["\"", "a OR", "NEAR(", "*", "-x", "(", "'"] {
        w.app
            .orders(&find(odd))
            .await
            .unwrap_or_else(|e| panic!("{odd:?}: {e}"));
    }
    w.platform.stop().await;
}

#[tokio::test]
async fn positions_and_ranges_are_checked() {
    let w = world().await;
    let page = w
        .app
        .orders(&OrderQuery {
            limit: Some(5),
            ..OrderQuery::default()
        })
        .await
        .unwrap();
    let after = page.next_after.unwrap();
    // A position from the date sort is refused by the amount sort.
    let err = w
        .app
        .orders(&OrderQuery {
            after: Some(after),
            sort: Some(SortKey::Amount),
            ..OrderQuery::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    let err = w
        .app
        .orders(&OrderQuery {
            min_total: Some(10),
            max_total: Some(5),
            ..OrderQuery::default()
        })
        .await
        .unwrap_err();
    assert!(
        err.message_fa().contains("حداقل مبلغ"),
        "{}",
        err.message_fa()
    );
    let err = w
        .app
        .orders(&OrderQuery {
            after: Some("garbage".into()),
            ..OrderQuery::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    w.platform.stop().await;
}

#[tokio::test]
async fn order_and_customer_details() {
    let w = world().await;
    let o = w
        .orders
        .iter()
        .find(|o| o.customer_id.is_some() && o.status == OrderStatus::Delivered)
        .unwrap();
    let detail = w.app.order_detail(o.id).await.unwrap();
    assert_eq!(&detail.order, o);
    let history = &detail.order.status_history;
    assert_eq!(history.first().unwrap().status, OrderStatus::PendingPayment);
    assert_eq!(history.last().unwrap().status, OrderStatus::Delivered);
    assert!(
        history.windows(2).all(|p| p[0].at <= p[1].at),
        "timeline in order"
    );
    let customer = detail.customer.unwrap();
    assert_eq!(Some(customer.id), o.customer_id);

    let theirs: Vec<&Order> = w
        .orders
        .iter()
        .filter(|x| x.customer_id == o.customer_id)
        .collect();
    let c = w.app.customer_detail(customer.id).await.unwrap();
    assert_eq!(c.summary.order_count, theirs.len() as i64);
    let spent: i64 = theirs
        .iter()
        .filter(|x| {
            x.payment_status == PaymentStatus::Paid
                && !matches!(x.status, OrderStatus::Cancelled | OrderStatus::Refunded)
        })
        .map(|x| x.invoice.final_total)
        .sum();
    assert_eq!(c.summary.total_spent, spent);
    assert_eq!(
        c.summary.first_order_at,
        theirs.iter().map(|x| x.created_at).min()
    );
    assert_eq!(
        c.summary.last_order_at,
        theirs.iter().map(|x| x.created_at).max()
    );
    assert_eq!(
        w.app.order_detail(999_999).await.unwrap_err().code(),
        "order_not_found"
    );
    assert_eq!(
        w.app.customer_detail(999_999).await.unwrap_err().code(),
        "customer_not_found"
    );

    // The customers list: newest first, searchable, paged without repeats.
    let total = w
        .app
        .count_customers(&CustomerQuery::default())
        .await
        .unwrap();
    let mut q = CustomerQuery {
        limit: Some(70),
        ..CustomerQuery::default()
    };
    let mut seen = Vec::new();
    loop {
        let page = w.app.customers(&q).await.unwrap();
        seen.extend(page.customers.iter().map(|c| (c.created_at, c.id)));
        match page.next_after {
            Some(a) => q.after = Some(a),
            None => break,
        }
    }
    assert_eq!(seen.len() as u64, total);
    assert!(
        seen.windows(2).all(|p| p[0] > p[1]),
        "newest first, no repeats"
    );
    let found = w
        .app
        .customers(&CustomerQuery {
            search: Some(customer.full_name.clone()),
            ..CustomerQuery::default()
        })
        .await
        .unwrap();
    assert!(found.customers.iter().any(|x| x.id == customer.id));
    w.platform.stop().await;
}

#[tokio::test]
async fn dashboard_figures_match_the_orders() {
    let w = world().await;
    let last = w.orders.iter().map(day).max().unwrap();
    let from = last - chrono::Duration::days(89);
    let d = w
        .app
        .dashboard(&DashboardQuery {
            from_date: from,
            to_date: last,
        })
        .await
        .unwrap();
    let in_period: Vec<&Order> = w
        .orders
        .iter()
        .filter(|o| day(o) >= from && day(o) <= last)
        .collect();
    let sale = |o: &&Order| {
        o.payment_status == PaymentStatus::Paid
            && !matches!(o.status, OrderStatus::Cancelled | OrderStatus::Refunded)
    };
    let sales: Vec<&Order> = in_period.iter().copied().filter(sale).collect();
    let revenue: i64 = sales.iter().map(|o| o.invoice.final_total).sum();
    assert_eq!(d.order_count, in_period.len() as i64);
    assert_eq!(d.paid_order_count, sales.len() as i64);
    assert_eq!(d.revenue, revenue);
    assert_eq!(d.average_order_value, revenue / sales.len() as i64);
    assert_eq!(d.daily.len(), 90);
    assert_eq!(d.daily.first().unwrap().date, from);
    assert_eq!(d.daily.iter().map(|x| x.revenue).sum::<i64>(), revenue);
    assert_eq!(
        d.daily.iter().map(|x| x.orders).sum::<i64>(),
        in_period.len() as i64
    );
    assert_eq!(
        d.by_status.iter().map(|s| s.count).sum::<i64>(),
        in_period.len() as i64
    );
    // Top products: the first one's revenue is the largest product total among sales.
    let mut per_product = std::collections::HashMap::<&str, i64>::new();
    for o in &sales {
        for i in &o.invoice.invoice_items {
            *per_product.entry(i.name.as_str()).or_default() += i.total_items_price;
        }
    }
    assert_eq!(
        d.top_products[0].revenue,
        *per_product.values().max().unwrap()
    );
    assert!(d.top_customers.windows(2).all(|p| p[0].spent >= p[1].spent));
    let err = w
        .app
        .dashboard(&DashboardQuery {
            from_date: last,
            to_date: from,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    w.platform.stop().await;
}

#[tokio::test]
async fn exports_write_what_the_list_shows() {
    let w = world().await;
    let out = w.dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let q = OrderQuery {
        status: Some(OrderStatus::Delivered),
        ..OrderQuery::default()
    };
    let want = expected(&w.orders, &q);
    let csv_path = out.join("orders.csv");
    let r = w
        .app
        .export_orders(&q, &csv_path, ExportFormat::Csv, Language::Fa)
        .await
        .unwrap();
    assert_eq!(r.rows, want.len() as u64);
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(
        bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
        "UTF-8 byte-order mark for Excel"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "شماره سفارش");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), want.len());
    let first = w.orders.iter().find(|o| o.id == want[0]).unwrap();
    assert_eq!(&rows[0][0], first.order_number);
    assert_eq!(&rows[0][1], tehran::jalali_datetime(first.created_at));
    assert_eq!(&rows[0][2], "تحویل‌شده");
    let final_col = header
        .iter()
        .position(|h| h == "مبلغ نهایی (ریال)")
        .unwrap();
    assert_eq!(rows[0][final_col], first.invoice.final_total.to_string());

    // English, all orders: the formula-looking note is defused.
    let all = out.join("all.csv");
    let r = w
        .app
        .export_orders(
            &OrderQuery::default(),
            &all,
            ExportFormat::Csv,
            Language::En,
        )
        .await
        .unwrap();
    assert_eq!(r.rows, 1200);
    let text = std::fs::read_to_string(&all).unwrap();
    assert!(text.contains("Order number,Date (Tehran),Status"));
    assert!(text.contains("'=HYPERLINK"));
    assert!(!text.contains(",=HYPERLINK"));

    let xlsx = out.join("orders.xlsx");
    let r = w
        .app
        .export_orders(&q, &xlsx, ExportFormat::Xlsx, Language::Fa)
        .await
        .unwrap();
    assert_eq!(r.rows, want.len() as u64);
    assert!(
        std::fs::read(&xlsx).unwrap().starts_with(b"PK"),
        "an XLSX is a zip"
    );

    let customers = out.join("customers.csv");
    let r = w
        .app
        .export_customers(
            &CustomerQuery::default(),
            &customers,
            ExportFormat::Csv,
            Language::Fa,
        )
        .await
        .unwrap();
    assert_eq!(
        r.rows,
        w.app
            .count_customers(&CustomerQuery::default())
            .await
            .unwrap()
    );

    // A failed export leaves the merchant's existing file as it was, and no partial file.
    std::fs::write(&csv_path, "previous").unwrap();
    let bad = OrderQuery {
        min_total: Some(9),
        max_total: Some(1),
        ..OrderQuery::default()
    };
    assert!(w
        .app
        .export_orders(&bad, &csv_path, ExportFormat::Csv, Language::Fa)
        .await
        .is_err());
    assert_eq!(std::fs::read_to_string(&csv_path).unwrap(), "previous");
    let missing_dir = out.join("no/such/folder/orders.csv");
    let err = w
        .app
        .export_orders(&q, &missing_dir, ExportFormat::Csv, Language::Fa)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "export_failed");
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    w.platform.stop().await;
}
