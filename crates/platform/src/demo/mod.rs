//! The demo data generator: a store full of realistic orders and customers, deterministic from
//! a seed (and the day it is anchored to), from ten orders to a million.
//!
//! Names are Persian with matching Latin emails, addresses are real provinces and cities with
//! well-formed postal codes, mobiles carry real operator prefixes, national codes pass the
//! checksum. Prices are Toman-scale amounts stored in Rials. Orders are spread over the last
//! 18 months; older orders are mostly delivered, recent ones still pending or in progress.

mod data;

use chrono::{DateTime, Duration, Utc};
use pishkhan_api::{
    Customer, CustomerAddress, DiscountCode, DiscountUsage, Image, Invoice, InvoiceItem, Order,
    OrderStatus, PaymentStatus, ShippingAddress, ShippingItem, ShippingItemStatus, ShippingRate,
    StatusChange, VariantAttribute,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sqlx::SqlitePool;

use crate::error::Result;
use crate::store::records::{self, RecordTable};
use crate::store::{accounts, records::put_customers, records::put_orders};
use data::*;

/// How many records go into one write transaction while seeding.
const BATCH: usize = 2000;

pub struct Generator {
    rng: ChaCha8Rng,
    anchor: DateTime<Utc>,
}

impl Generator {
    /// `anchor` is "now" for the generated history: orders fall in the 18 months before it.
    pub fn new(seed: u64, anchor: DateTime<Utc>) -> Self {
        Generator {
            rng: ChaCha8Rng::seed_from_u64(seed),
            anchor,
        }
    }

    /// Anchored to the start of today (UTC), so a given seed gives the same data all day.
    pub fn for_today(seed: u64) -> Self {
        let now = Utc::now();
        let today = now.date_naive().and_time(chrono::NaiveTime::MIN).and_utc();
        Self::new(seed, today)
    }

    fn pick<T: Copy>(&mut self, list: &[T]) -> T {
        list[self.rng.gen_range(0..list.len())]
    }

    fn province(&mut self) -> (&'static str, &'static str) {
        let total: u32 = PROVINCES.iter().map(|p| p.2).sum();
        let mut roll = self.rng.gen_range(0..total);
        for (name, cities, weight) in PROVINCES {
            if roll < *weight {
                let city = cities[self.rng.gen_range(0..cities.len())];
                return (name, city);
            }
            roll -= weight;
        }
        ("تهران", "تهران")
    }

    fn mobile(&mut self) -> String {
        const PREFIXES: &[u32] = &[
            912, 919, 935, 936, 937, 938, 939, 901, 902, 903, 910, 913, 914, 921, 990, 991,
        ];
        let prefix = self.pick(PREFIXES);
        format!("+98{prefix}{:07}", self.rng.gen_range(0..10_000_000u32))
    }

    fn address_line(&mut self) -> String {
        let street = self.pick(STREETS);
        format!(
            "{street}، کوچه {}، پلاک {}",
            self.rng.gen_range(1..40),
            self.rng.gen_range(1..120)
        )
    }

    /// A customer with one or two addresses.
    pub fn customer(&mut self, id: i64, created_at: DateTime<Utc>) -> Customer {
        let (first, first_latin) = self.pick(FIRST_NAMES);
        let (last, last_latin) = self.pick(LAST_NAMES);
        let n_addresses = if self.rng.gen_bool(0.2) { 2 } else { 1 };
        let addresses = (0..n_addresses)
            .map(|k| {
                let (region, city) = self.province();
                CustomerAddress {
                    id: id * 10 + k,
                    region: region.to_string(),
                    city: city.to_string(),
                    address: self.address_line(),
                    postal_code: pishkhan_iran::postal_code::generate(self.rng.gen()),
                    phone_number: None,
                }
            })
            .collect();
        let national_code = self
            .rng
            .gen_bool(0.6)
            .then(|| pishkhan_iran::national_code::generate(self.rng.gen()));
        Customer {
            id,
            first_name: first.to_string(),
            last_name: last.to_string(),
            email: Some(format!("{first_latin}.{last_latin}{}@example.com", id)),
            mobile_phone: Some(self.mobile()),
            national_code,
            addresses,
            created_at,
            updated_at: created_at,
            version: 1,
        }
    }

    /// The status history a real order of this age would most likely have reached.
    fn status_for_age(&mut self, age: Duration) -> (OrderStatus, PaymentStatus) {
        let roll: f64 = self.rng.gen();
        if age < Duration::days(2) {
            if roll < 0.35 {
                (OrderStatus::PendingPayment, PaymentStatus::Unpaid)
            } else {
                (OrderStatus::Processing, PaymentStatus::Paid)
            }
        } else if age < Duration::days(10) {
            match roll {
                r if r < 0.05 => (OrderStatus::Cancelled, PaymentStatus::Unpaid),
                r if r < 0.35 => (OrderStatus::Processing, PaymentStatus::Paid),
                r if r < 0.75 => (OrderStatus::Shipped, PaymentStatus::Paid),
                _ => (OrderStatus::Delivered, PaymentStatus::Paid),
            }
        } else {
            match roll {
                r if r < 0.07 => (OrderStatus::Cancelled, PaymentStatus::Unpaid),
                r if r < 0.10 => (OrderStatus::Refunded, PaymentStatus::Refunded),
                r if r < 0.12 => (OrderStatus::Shipped, PaymentStatus::Paid),
                _ => (OrderStatus::Delivered, PaymentStatus::Paid),
            }
        }
    }

    /// The timeline that led an order placed at `created_at` to `status`: paid within the hour,
    /// shipped at `shipped_at`, delivered days later; never later than the anchor.
    fn history(
        &mut self,
        status: OrderStatus,
        created_at: DateTime<Utc>,
        shipped_at: DateTime<Utc>,
    ) -> Vec<StatusChange> {
        use OrderStatus::*;
        let paid_at = created_at + Duration::minutes(self.rng.gen_range(1..50));
        let shipped_at = if shipped_at > paid_at {
            shipped_at
        } else {
            paid_at + Duration::hours(self.rng.gen_range(6..48))
        };
        let delivered_at = shipped_at + Duration::hours(self.rng.gen_range(20..120));
        let steps: Vec<(OrderStatus, DateTime<Utc>)> = match status {
            PendingPayment => vec![(PendingPayment, created_at)],
            Processing => vec![(PendingPayment, created_at), (Processing, paid_at)],
            Shipped => vec![
                (PendingPayment, created_at),
                (Processing, paid_at),
                (Shipped, shipped_at),
            ],
            Delivered => vec![
                (PendingPayment, created_at),
                (Processing, paid_at),
                (Shipped, shipped_at),
                (Delivered, delivered_at),
            ],
            Cancelled => vec![
                (PendingPayment, created_at),
                (
                    Cancelled,
                    created_at + Duration::hours(self.rng.gen_range(2..48)),
                ),
            ],
            Refunded => vec![
                (PendingPayment, created_at),
                (Processing, paid_at),
                (Shipped, shipped_at),
                (Delivered, delivered_at),
                (
                    Refunded,
                    delivered_at + Duration::days(self.rng.gen_range(1..6)),
                ),
            ],
        };
        let mut last = created_at;
        steps
            .into_iter()
            .map(|(status, at)| {
                // Monotonic and never in the future of the generated store.
                last = at.max(last).min(self.anchor.max(created_at));
                StatusChange { status, at: last }
            })
            .collect()
    }

    /// An order of `customer`, placed at `created_at`, delivered to one of their addresses.
    pub fn order(
        &mut self,
        id: i64,
        number: i64,
        customer: &Customer,
        created_at: DateTime<Utc>,
    ) -> Order {
        let n_items = match self.rng.gen_range(0..10) {
            0..=5 => 1,
            6..=8 => 2,
            _ => 3,
        };
        let mut items = Vec::with_capacity(n_items);
        for k in 0..n_items {
            let p_index = self.rng.gen_range(0..PRODUCTS.len());
            let product = &PRODUCTS[p_index];
            let attributes: Vec<VariantAttribute> = product
                .attributes
                .iter()
                .map(|(name, values)| VariantAttribute {
                    name: name.to_string(),
                    value: self.pick(values).to_string(),
                })
                .collect();
            let qty = if self.rng.gen_bool(0.8) {
                1
            } else {
                self.rng.gen_range(2..5)
            };
            let price = product.price_toman * 10;
            items.push(InvoiceItem {
                id: id * 10 + k as i64,
                product_variant_id: (p_index as i64 + 1) * 100 + self.rng.gen_range(0..8),
                name: product.name.to_string(),
                image: Some(Image {
                    url: format!("https://cdn.example.com/products/{}.jpg", p_index + 1),
                }),
                variant_attributes: attributes,
                single_item_price: price,
                no_of_items: qty,
                total_items_price: price * qty,
            });
        }
        let address = customer.addresses.first();
        let (region, city) = address
            .map(|a| (a.region.as_str(), a.city.as_str()))
            .unwrap_or(("تهران", "تهران"));
        let rate_def = if city == "تهران" {
            self.pick(SHIPPING_RATES)
        } else {
            self.pick(&SHIPPING_RATES[..2])
        };
        let rate = ShippingRate {
            id: rate_def.0,
            name: rate_def.1.to_string(),
            price: rate_def.2 * 10,
            kind: rate_def.3.to_string(),
        };
        let discount_code = self.rng.gen_bool(0.12).then(|| self.pick(DISCOUNT_CODES));
        let age = self.anchor - created_at;
        let (status, payment_status) = self.status_for_age(age);
        let shipping_status = match status {
            OrderStatus::Shipped => ShippingItemStatus::Shipped,
            OrderStatus::Delivered => ShippingItemStatus::Delivered,
            OrderStatus::Refunded => ShippingItemStatus::Returned,
            _ => ShippingItemStatus::Pending,
        };
        let shipped = matches!(
            shipping_status,
            ShippingItemStatus::Shipped | ShippingItemStatus::Delivered
        );
        let carrier = shipped.then(|| rate.name.clone());
        let tracking_code =
            shipped.then(|| format!("{:024}", self.rng.gen_range(10u128.pow(20)..10u128.pow(23))));
        let invoice = invoice(
            items,
            rate,
            discount_code,
            10,
            carrier,
            tracking_code,
            shipping_status,
        );
        let note = self
            .rng
            .gen_bool(0.08)
            .then(|| self.pick(NOTES).to_string());
        let identifier: String = (0..12)
            .map(|_| char::from(b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789"[self.rng.gen_range(0..32)]))
            .collect();
        let updated_at = if shipped {
            created_at + Duration::hours(self.rng.gen_range(6..96))
        } else {
            created_at
        };
        let status_history = self.history(status, created_at, updated_at);
        Order {
            id,
            order_number: number.to_string(),
            order_identifier: identifier,
            status,
            status_history,
            internal_notes: Vec::new(),
            payment_status,
            customer_id: Some(customer.id),
            invoice,
            shipping_address: ShippingAddress {
                first_name: customer.first_name.clone(),
                last_name: customer.last_name.clone(),
                mobile_phone: customer.mobile_phone.clone(),
                phone_number: None,
                email: customer.email.clone(),
                region: Some(region.to_string()),
                city: Some(city.to_string()),
                address: address.map(|a| a.address.clone()),
                postal_code: address.map(|a| a.postal_code.clone()),
                description: None,
                latitude: None,
                longitude: None,
            },
            note,
            created_at,
            updated_at: updated_at.min(self.anchor),
            version: 1,
        }
    }

    /// `count` instants spread over the 18 months before the anchor, oldest first.
    pub fn timeline(&mut self, count: u64) -> Vec<DateTime<Utc>> {
        let span = Duration::days(548).num_seconds();
        let start = self.anchor - Duration::days(548);
        let mut times: Vec<DateTime<Utc>> = (0..count)
            .map(|_| {
                // Square-root skew: a growing shop has more orders recently than long ago.
                let x: f64 = self.rng.gen::<f64>().sqrt();
                start + Duration::seconds((x * span as f64) as i64)
            })
            .collect();
        times.sort();
        times
    }

    pub fn next_u64(&mut self) -> u64 {
        self.rng.gen()
    }

    pub fn anchor(&self) -> DateTime<Utc> {
        self.anchor
    }
}

/// Computes an invoice's totals from its items the way the platform does for every order:
/// final = net + shipping − discount − credit + VAT, VAT on (net − discount).
pub fn invoice(
    items: Vec<InvoiceItem>,
    rate: ShippingRate,
    discount_code: Option<&str>,
    vat_percent: i64,
    carrier: Option<String>,
    tracking_code: Option<String>,
    shipping_status: ShippingItemStatus,
) -> Invoice {
    let net_total: i64 = items.iter().map(|i| i.total_items_price).sum();
    let discount_total = if discount_code.is_some() {
        (net_total / 10 / 10_000) * 10_000
    } else {
        0
    };
    let vat = (net_total - discount_total) * vat_percent / 100;
    let shipping_total = rate.price;
    let shipping_items = vec![ShippingItem {
        id: items.first().map(|i| i.id).unwrap_or(0),
        invoice_item_ids: items.iter().map(|i| i.id).collect(),
        rate,
        status: shipping_status,
        carrier,
        tracking_code,
    }];
    Invoice {
        invoice_items: items,
        shipping_items,
        net_total,
        shipping_total,
        discount_total,
        credit_total: 0,
        vat,
        vat_percent,
        final_total: net_total + shipping_total - discount_total + vat,
        discount_usages: discount_code
            .map(|c| {
                vec![DiscountUsage {
                    discount_code: DiscountCode {
                        code: c.to_string(),
                    },
                }]
            })
            .unwrap_or_default(),
    }
}

/// Creates the demo merchant and store with `order_count` orders, unless they exist already.
/// Returns the store's id.
pub async fn ensure_demo_store(db: &SqlitePool, order_count: u64, seed: u64) -> Result<i64> {
    if let Some(existing) = accounts::find_merchant_by_email(db, crate::DEMO_EMAIL).await? {
        let stores = accounts::stores_of(db, existing.merchant.id).await?;
        if let Some(store) = stores.first() {
            return Ok(store.id);
        }
    }
    let password = crate::DEMO_PASSWORD.to_string();
    let hash = tokio::task::spawn_blocking(move || crate::auth::hash_password(&password))
        .await
        .map_err(|e| crate::PlatformError::Internal(e.to_string()))??;
    let merchant = accounts::create_merchant(db, "مریم احمدی", crate::DEMO_EMAIL, &hash).await?;
    let store = accounts::create_store(db, merchant.id, "فروشگاه نمونهٔ پیشخوان").await?;
    crate::store::notifications::update_settings(db, store.id, None, Some("+989121234567".into()))
        .await?;
    let mut generator = Generator::for_today(seed);
    let customer_count = (order_count / 3).max(5);
    seed_store(db, store.id, &mut generator, customer_count, order_count).await?;
    Ok(store.id)
}

/// Adds `customer_count` customers and `order_count` orders to a store, in batches.
pub async fn seed_store(
    db: &SqlitePool,
    store_id: i64,
    generator: &mut Generator,
    customer_count: u64,
    order_count: u64,
) -> Result<()> {
    let customer_times = generator.timeline(customer_count);
    let mut customers: Vec<Customer> = Vec::with_capacity(customer_count as usize);
    for chunk in customer_times.chunks(BATCH) {
        let mut tx = crate::store::begin_write(db).await?;
        let first_id = records::next_ids(&mut tx, RecordTable::Customers).await?;
        let batch: Vec<Customer> = chunk
            .iter()
            .enumerate()
            .map(|(k, t)| generator.customer(first_id + k as i64, *t))
            .collect();
        put_customers(&mut tx, store_id, &batch).await?;
        tx.commit().await?;
        customers.extend(batch);
    }
    let order_times = generator.timeline(order_count);
    // History being imported, not orders placed now: no notifications.
    add_orders(db, store_id, generator, &customers, &order_times, false).await?;
    Ok(())
}

/// Adds one order per instant, each for a customer picked with a skew towards loyal ones.
pub async fn add_orders(
    db: &SqlitePool,
    store_id: i64,
    generator: &mut Generator,
    customers: &[Customer],
    times: &[DateTime<Utc>],
    notify: bool,
) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(times.len());
    if customers.is_empty() {
        return Err(crate::PlatformError::Invalid(
            "the store has no customers to place orders".into(),
        ));
    }
    for chunk in times.chunks(BATCH) {
        let mut tx = crate::store::begin_write(db).await?;
        let first_number =
            records::take_order_numbers(&mut tx, store_id, chunk.len() as i64).await?;
        let first_id = records::next_ids(&mut tx, RecordTable::Orders).await?;
        let mut batch = Vec::with_capacity(chunk.len());
        for (k, t) in chunk.iter().enumerate() {
            // Squaring a uniform number favours the first (oldest, most loyal) customers.
            let u: f64 = (generator.next_u64() as f64) / (u64::MAX as f64);
            let index = ((u * u) * customers.len() as f64) as usize;
            let customer = &customers[index.min(customers.len() - 1)];
            batch.push(generator.order(first_id + k as i64, first_number + k as i64, customer, *t));
        }
        put_orders(&mut tx, store_id, &batch).await?;
        if notify {
            crate::store::notifications::queue_for_new_orders(&mut tx, store_id, &batch).await?;
        }
        tx.commit().await?;
        ids.extend(batch.iter().map(|o| o.id));
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn same_seed_same_data() {
        let anchor = Utc.with_ymd_and_hms(2026, 11, 25, 0, 0, 0).unwrap();
        let mut a = Generator::new(42, anchor);
        let mut b = Generator::new(42, anchor);
        let ca = a.customer(1, anchor);
        let cb = b.customer(1, anchor);
        assert_eq!(ca, cb);
        assert_eq!(
            a.order(1, 100001, &ca, anchor),
            b.order(1, 100001, &cb, anchor)
        );
    }

    #[test]
    fn generated_data_is_well_formed() {
        let anchor = Utc.with_ymd_and_hms(2026, 11, 25, 0, 0, 0).unwrap();
        let mut g = Generator::new(7, anchor);
        for id in 1..300 {
            let c = g.customer(id, anchor - Duration::days(30));
            for a in &c.addresses {
                assert!(
                    pishkhan_iran::postal_code::validate(&a.postal_code).is_ok(),
                    "{}",
                    a.postal_code
                );
            }
            if let Some(code) = &c.national_code {
                assert!(
                    pishkhan_iran::national_code::validate(code).is_ok(),
                    "{code}"
                );
            }
            let m = c.mobile_phone.clone().unwrap();
            assert_eq!(pishkhan_iran::mobile::normalize(&m).unwrap().e164, m);
            let t = g.timeline(1)[0];
            let o = g.order(id, 100000 + id, &c, t);
            let inv = &o.invoice;
            assert_eq!(
                inv.net_total,
                inv.invoice_items
                    .iter()
                    .map(|i| i.total_items_price)
                    .sum::<i64>()
            );
            assert_eq!(
                inv.final_total,
                inv.net_total + inv.shipping_total - inv.discount_total - inv.credit_total
                    + inv.vat
            );
            assert!(inv.final_total > 0);
            assert!(o.created_at <= anchor && o.created_at >= anchor - Duration::days(549));
        }
    }
}
