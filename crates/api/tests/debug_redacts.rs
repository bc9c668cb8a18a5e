//! The wire types that carry personal data keep it out of `{:?}` and `{:#?}` (and so out of any
//! log line or panic message that prints them), while still showing the ids, statuses, amounts
//! and dates that make a log useful.

use chrono::{TimeZone, Utc};
use pishkhan_api::*;

const NAME: &str = "ترانه";
const LAST_NAME: &str = "یگانه‌فر";
const MOBILE: &str = "+989357654321";
const PHONE: &str = "03132223344";
const EMAIL: &str = "taraneh.private@example.com";
const ADDRESS: &str = "خیابان چهارباغ، کوچهٔ محرمانه، پلاک ۷";
const CITY: &str = "اصفهان";
const REGION: &str = "استان اصفهان";
const POSTAL_CODE: &str = "8153687995";
const NATIONAL_CODE: &str = "0499370899";
const SHEBA: &str = "IR550570022080013447370101";
const NOTE: &str = "تماس با ترانه";
const PASSWORD: &str = "s3cret-passw0rd";
const DEVICE: &str = "taraneh-laptop";
const LATITUDE: f64 = 32.654_321;

const PERSONAL: &[&str] = &[
    NAME,
    LAST_NAME,
    MOBILE,
    "9357654321",
    PHONE,
    EMAIL,
    ADDRESS,
    CITY,
    REGION,
    POSTAL_CODE,
    NATIONAL_CODE,
    SHEBA,
    NOTE,
    PASSWORD,
    DEVICE,
    "32.654",
];

/// Both forms of `Debug` show `shown` and none of the personal values.
fn assert_redacted(value: &impl std::fmt::Debug, shown: &[&str]) {
    for text in [format!("{value:?}"), format!("{value:#?}")] {
        for personal in PERSONAL {
            assert!(!text.contains(personal), "{personal:?} shows in:\n{text}");
        }
        for s in shown {
            assert!(text.contains(s), "{s:?} is missing from:\n{text}");
        }
        assert!(text.contains("<redacted>"), "{text}");
    }
}

fn at() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 7, 22, 8, 30, 0).unwrap()
}

fn address() -> ShippingAddress {
    ShippingAddress {
        first_name: NAME.into(),
        last_name: LAST_NAME.into(),
        mobile_phone: Some(MOBILE.into()),
        phone_number: Some(PHONE.into()),
        email: Some(EMAIL.into()),
        region: Some(REGION.into()),
        city: Some(CITY.into()),
        address: Some(ADDRESS.into()),
        postal_code: Some(POSTAL_CODE.into()),
        description: Some(NOTE.into()),
        latitude: Some(LATITUDE),
        longitude: Some(51.67),
    }
}

fn order() -> Order {
    Order {
        id: 424_242,
        order_number: "100234".into(),
        order_identifier: "ABCDEF123456".into(),
        status: OrderStatus::Processing,
        payment_status: PaymentStatus::Paid,
        customer_id: Some(777_001),
        invoice: Invoice {
            invoice_items: vec![InvoiceItem {
                id: 1,
                product_variant_id: 2,
                name: "دفتر".into(),
                image: None,
                variant_attributes: vec![],
                single_item_price: 1_250_000,
                no_of_items: 2,
                total_items_price: 2_500_000,
            }],
            shipping_items: vec![],
            net_total: 2_500_000,
            shipping_total: 300_000,
            discount_total: 0,
            credit_total: 0,
            vat: 0,
            vat_percent: 0,
            final_total: 2_800_000,
            discount_usages: vec![],
        },
        shipping_address: address(),
        note: Some(NOTE.into()),
        status_history: vec![StatusChange {
            status: OrderStatus::Processing,
            at: at(),
        }],
        internal_notes: vec![InternalNote {
            text: format!("{NOTE} {MOBILE}"),
            at: at(),
        }],
        created_at: at(),
        updated_at: at(),
        version: 3,
    }
}

fn customer() -> Customer {
    Customer {
        id: 777_001,
        first_name: NAME.into(),
        last_name: LAST_NAME.into(),
        email: Some(EMAIL.into()),
        mobile_phone: Some(MOBILE.into()),
        national_code: Some(NATIONAL_CODE.into()),
        addresses: vec![CustomerAddress {
            id: 55_501,
            region: REGION.into(),
            city: CITY.into(),
            address: ADDRESS.into(),
            postal_code: POSTAL_CODE.into(),
            phone_number: Some(PHONE.into()),
        }],
        created_at: at(),
        updated_at: at(),
        version: 9,
    }
}

fn merchant() -> Merchant {
    Merchant {
        id: 31_337,
        name: format!("{NAME} {LAST_NAME}"),
        email: EMAIL.into(),
    }
}

fn store() -> Store {
    Store {
        id: 8_080,
        name: "فروشگاه گلبرگ".into(),
        email_on_new_order: true,
        sms_on_new_order: false,
    }
}

#[test]
fn orders_show_ids_amounts_and_statuses_never_the_buyer() {
    let o = order();
    assert_redacted(
        &o,
        &[
            "424242",
            "100234",
            "777001",
            "Processing",
            "2800000",
            "2024-07-22",
            "version: 3",
        ],
    );
    assert_redacted(&o.shipping_address, &["latitude"]);
    assert_redacted(&o.internal_notes[0], &["2024-07-22"]);
    // Inside the types that carry an order too.
    assert_redacted(&Change::OrderUpserted { order: o.clone() }, &["424242"]);
    assert_redacted(
        &MutationResult {
            id: "mutation-0001".into(),
            outcome: MutationOutcome::Applied { version: Some(4) },
            order: Some(o),
        },
        &["mutation-0001", "424242"],
    );
    // `None` stays `None`: whether a value is there is not personal.
    let mut bare = address();
    bare.email = None;
    assert!(format!("{bare:?}").contains("email: None"));
    assert!(format!("{bare:?}").contains("mobile_phone: Some(<redacted>)"));
}

#[test]
fn customers_show_ids_and_dates_never_who_they_are() {
    let c = customer();
    assert_redacted(&c, &["777001", "55501", "2024-07-22", "version: 9"]);
    assert_redacted(&Change::CustomerUpserted { customer: c }, &["777001"]);
}

#[test]
fn the_merchant_shows_by_id_and_the_session_without_its_device_name() {
    assert_redacted(&merchant(), &["31337"]);
    assert_redacted(
        &Me {
            merchant: merchant(),
            stores: vec![store()],
        },
        &["31337", "8080", "sms_on_new_order: false"],
    );
    assert_redacted(
        &SignInResponse {
            tokens: TokenPair {
                access_token: "access-token-value".into(),
                refresh_token: "refresh-token-value".into(),
                expires_in: 3600,
                session_id: 61,
            },
            merchant: merchant(),
            stores: vec![store()],
        },
        &["31337", "session_id: 61"],
    );
    assert!(!format!("{:?}", merchant()).contains("token-value"));
    assert_redacted(
        &SessionInfo {
            id: 61,
            signed_in_at: at(),
            last_seen_at: at(),
            user_agent: Some("Pishkhan/0.1.0 (linux)".into()),
            device_name: Some(DEVICE.into()),
            current: true,
            revoked: false,
        },
        &["61", "Pishkhan/0.1.0", "current: true"],
    );
}

#[test]
fn admin_bodies_hide_people_and_passwords() {
    assert_redacted(
        &NewMerchant {
            name: NAME.into(),
            email: EMAIL.into(),
            password: PASSWORD.into(),
            store_name: "فروشگاه گلبرگ".into(),
        },
        &["NewMerchant"],
    );
    assert_redacted(
        &NewMerchantCreated {
            merchant: merchant(),
            store: store(),
        },
        &["31337", "8080"],
    );
    assert_redacted(
        &OrderDraft {
            customer_id: Some(777_001),
            status: Some(OrderStatus::PendingPayment),
            payment_status: None,
            items: vec![],
            shipping_rate: ShippingRate {
                id: 4,
                name: "پست پیشتاز".into(),
                price: 300_000,
                kind: "post".into(),
            },
            shipping_address: address(),
            note: Some(NOTE.into()),
            discount_total: 0,
            vat_percent: 9,
        },
        &["777001", "PendingPayment", "300000"],
    );
    assert_redacted(
        &OrderPatch {
            status: Some(OrderStatus::Shipped),
            note: Some(NOTE.into()),
            shipping_address: Some(address()),
            ..Default::default()
        },
        &["Shipped"],
    );
    assert_redacted(
        &CustomerDraft {
            first_name: NAME.into(),
            last_name: LAST_NAME.into(),
            email: Some(EMAIL.into()),
            mobile_phone: Some(MOBILE.into()),
            national_code: Some(NATIONAL_CODE.into()),
            addresses: vec![CustomerAddressDraft {
                region: REGION.into(),
                city: CITY.into(),
                address: ADDRESS.into(),
                postal_code: POSTAL_CODE.into(),
                phone_number: Some(PHONE.into()),
            }],
        },
        &["CustomerAddressDraft"],
    );
    assert_redacted(
        &CustomerPatch {
            first_name: Some(NAME.into()),
            last_name: None,
            email: Some(EMAIL.into()),
            mobile_phone: Some(MOBILE.into()),
        },
        &["last_name: None"],
    );
}

#[test]
fn notifications_notes_and_reasons_hide_their_text() {
    assert_redacted(
        &StoreNotification {
            id: 12,
            order_id: 424_242,
            channel: NotificationChannel::Sms,
            recipient: MOBILE.into(),
            body: format!("سفارش 100234 — {NAME}"),
            status: "queued".into(),
            created_at: at(),
        },
        &["424242", "Sms", "queued"],
    );
    assert_redacted(
        &StoreSettingsPatch {
            sms_on_new_order: Some(true),
            owner_mobile: Some(MOBILE.into()),
        },
        &["sms_on_new_order", "true"],
    );
    assert_redacted(
        &Mutation {
            id: "mutation-0002".into(),
            order_id: 424_242,
            base_version: 3,
            change: OrderChange::AddNote { text: NOTE.into() },
        },
        &["mutation-0002", "424242", "AddNote"],
    );
    let ship = format!(
        "{:?}",
        OrderChange::Ship {
            shipping_item_id: Some(5),
            carrier: "post".into(),
            tracking_code: "123456789012345678901234".into()
        }
    );
    assert!(ship.contains("123456789012345678901234"), "{ship}");
    assert_redacted(
        &KycReason {
            subject: KycSubject::Field(KycField::Sheba),
            code: KycReasonCode::InvalidValue,
            note: Some(format!("{SHEBA} is not {NAME}'s")),
        },
        &["Sheba", "InvalidValue"],
    );
}

#[test]
fn identity_verification_shows_fields_filled_never_their_values() {
    let form = KycForm {
        full_name: format!("{NAME} {LAST_NAME}"),
        store_name: "فروشگاه گلبرگ".into(),
        email: EMAIL.into(),
        mobile: MOBILE.into(),
        address: format!("{CITY}، {ADDRESS}"),
        postal_code: POSTAL_CODE.into(),
        sheba: SHEBA.into(),
        birth_date: "1368/11/22".into(),
        national_code: NATIONAL_CODE.into(),
    };
    let submission = KycSubmission {
        submission_key: "submission-0001".into(),
        form: form.clone(),
        id_front: "upload-front".into(),
        id_back: "upload-back".into(),
    };
    for text in [format!("{submission:?}"), format!("{submission:#?}")] {
        for personal in PERSONAL.iter().chain(&["1368/11/22"]) {
            assert!(!text.contains(personal), "{personal:?} shows in:\n{text}");
        }
        assert!(
            text.contains("submission-0001") && text.contains("nationalCode"),
            "{text}"
        );
    }
}
