//! The order workflow both sides enforce: which status may follow which, and what an edit does
//! to an order. The platform applies mutations with `apply`, and the app applies the same edit
//! to its cache before sending it, so an edit the platform would refuse is refused at once, with
//! the same reason, even offline.

use chrono::{DateTime, Utc};

use crate::mutation::{OrderChange, OrderField};
use crate::order::{InternalNote, Order, OrderStatus, ShippingItemStatus, StatusChange};

/// The longest internal note, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;

impl OrderStatus {
    /// The statuses an order in this status may move to.
    pub fn next(self) -> &'static [OrderStatus] {
        use OrderStatus::*;
        match self {
            PendingPayment => &[Processing, Cancelled],
            Processing => &[Shipped, Cancelled],
            Shipped => &[Delivered, Refunded],
            Delivered => &[Refunded],
            Cancelled | Refunded => &[],
        }
    }

    pub fn can_move_to(self, to: OrderStatus) -> bool {
        self.next().contains(&to)
    }

    /// The status as Persian merchants name it (exports, CLI, refusal messages).
    pub fn name_fa(self) -> &'static str {
        use OrderStatus::*;
        match self {
            PendingPayment => "در انتظار پرداخت",
            Processing => "در حال پردازش",
            Shipped => "ارسال‌شده",
            Delivered => "تحویل‌شده",
            Cancelled => "لغوشده",
            Refunded => "مرجوع‌شده",
        }
    }

    /// The status as English-speaking merchants name it.
    pub fn name_en(self) -> &'static str {
        use OrderStatus::*;
        match self {
            PendingPayment => "Pending payment",
            Processing => "Processing",
            Shipped => "Shipped",
            Delivered => "Delivered",
            Cancelled => "Cancelled",
            Refunded => "Refunded",
        }
    }
}

/// Why an edit cannot be applied. Stable codes; sentences in English and Persian.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NotAllowed { from: OrderStatus, to: OrderStatus },
    NoSuchParcel(i64),
    NothingToShip,
    CannotShipNow(OrderStatus),
    MissingCarrier,
    MissingTrackingCode,
    EmptyNote,
    NoteTooLong,
}

impl Refusal {
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::NotAllowed { .. } => "transition_not_allowed",
            Refusal::NoSuchParcel(_) => "no_such_parcel",
            Refusal::NothingToShip => "nothing_to_ship",
            Refusal::CannotShipNow(_) => "cannot_ship_now",
            Refusal::MissingCarrier => "missing_carrier",
            Refusal::MissingTrackingCode => "missing_tracking_code",
            Refusal::EmptyNote => "empty_note",
            Refusal::NoteTooLong => "note_too_long",
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            Refusal::NotAllowed { from, to } => {
                let allowed: Vec<&str> = from.next().iter().map(|s| s.as_str()).collect();
                if allowed.is_empty() {
                    format!(
                        "An order that is {} cannot change status any more",
                        from.as_str()
                    )
                } else {
                    format!(
                        "An order that is {} cannot become {}; it can become {}",
                        from.as_str(),
                        to.as_str(),
                        allowed.join(" or ")
                    )
                }
            }
            Refusal::NoSuchParcel(id) => format!("The order has no parcel {id}; reload the order"),
            Refusal::NothingToShip => "Every parcel of this order has already shipped".into(),
            Refusal::CannotShipNow(s) => format!(
                "An order that is {} cannot be shipped; only processing or shipped orders can",
                s.as_str()
            ),
            Refusal::MissingCarrier => "Enter the carrier (e.g. Post, Tipax)".into(),
            Refusal::MissingTrackingCode => "Enter the parcel's tracking code".into(),
            Refusal::EmptyNote => "The note is empty; write something first".into(),
            Refusal::NoteTooLong => {
                format!("A note holds at most {MAX_NOTE_CHARS} characters; shorten it")
            }
        }
    }

    pub fn message_fa(&self) -> String {
        match self {
            Refusal::NotAllowed { from, to } => {
                let allowed: Vec<&str> = from.next().iter().map(|s| s.name_fa()).collect();
                if allowed.is_empty() {
                    format!("وضعیت سفارشِ «{}» دیگر تغییر نمی‌کند", from.name_fa())
                } else {
                    format!(
                        "سفارشِ «{}» نمی‌تواند «{}» شود؛ فقط می‌تواند {} شود",
                        from.name_fa(),
                        to.name_fa(),
                        allowed
                            .iter()
                            .map(|s| format!("«{s}»"))
                            .collect::<Vec<_>>()
                            .join(" یا ")
                    )
                }
            }
            Refusal::NoSuchParcel(_) => {
                "این سفارش چنین مرسوله‌ای ندارد؛ سفارش را دوباره باز کنید".into()
            }
            Refusal::NothingToShip => "همهٔ مرسوله‌های این سفارش پیش‌تر ارسال شده‌اند".into(),
            Refusal::CannotShipNow(s) => format!(
                "سفارشِ «{}» را نمی‌توان ارسال کرد؛ فقط سفارش‌های در حال پردازش یا ارسال‌شده",
                s.name_fa()
            ),
            Refusal::MissingCarrier => "نام شرکت حمل را وارد کنید (مثلاً پست، تیپاکس)".into(),
            Refusal::MissingTrackingCode => "کد رهگیری مرسوله را وارد کنید".into(),
            Refusal::EmptyNote => "یادداشت خالی است؛ ابتدا چیزی بنویسید".into(),
            Refusal::NoteTooLong => {
                format!("یادداشت حداکثر {MAX_NOTE_CHARS} نویسه دارد؛ کوتاه‌ترش کنید")
            }
        }
    }
}

impl OrderChange {
    /// The parts of an order this kind of edit may change: what a conflict is checked on.
    pub fn fields(&self) -> &'static [OrderField] {
        match self {
            OrderChange::SetStatus { .. } | OrderChange::Cancel => &[OrderField::Status],
            OrderChange::Ship { .. } => &[OrderField::Shipping, OrderField::Status],
            OrderChange::AddNote { .. } => &[OrderField::Notes],
        }
    }
}

fn set_status(order: &mut Order, to: OrderStatus, at: DateTime<Utc>) -> Result<bool, Refusal> {
    if order.status == to {
        return Ok(false);
    }
    if !order.status.can_move_to(to) {
        return Err(Refusal::NotAllowed {
            from: order.status,
            to,
        });
    }
    order.status = to;
    order.status_history.push(StatusChange { status: to, at });
    Ok(true)
}

/// Applies `change` to `order` as of `at`; returns the fields it changed (empty when the order
/// already was as asked). On refusal the order is left as it was. Versions are not touched:
/// that is the platform's business.
pub fn apply(
    order: &mut Order,
    change: &OrderChange,
    at: DateTime<Utc>,
) -> Result<Vec<OrderField>, Refusal> {
    let mut changed = Vec::new();
    match change {
        OrderChange::SetStatus { status } => {
            if set_status(order, *status, at)? {
                changed.push(OrderField::Status);
            }
        }
        OrderChange::Cancel => {
            if set_status(order, OrderStatus::Cancelled, at)? {
                changed.push(OrderField::Status);
            }
        }
        OrderChange::AddNote { text } => {
            let text = text.trim();
            if text.is_empty() {
                return Err(Refusal::EmptyNote);
            }
            if text.chars().count() > MAX_NOTE_CHARS {
                return Err(Refusal::NoteTooLong);
            }
            order.internal_notes.push(InternalNote {
                text: text.to_string(),
                at,
            });
            changed.push(OrderField::Notes);
        }
        OrderChange::Ship {
            shipping_item_id,
            carrier,
            tracking_code,
        } => {
            let (carrier, tracking) = (carrier.trim(), tracking_code.trim());
            if carrier.is_empty() {
                return Err(Refusal::MissingCarrier);
            }
            if tracking.is_empty() {
                return Err(Refusal::MissingTrackingCode);
            }
            if !matches!(order.status, OrderStatus::Processing | OrderStatus::Shipped) {
                return Err(Refusal::CannotShipNow(order.status));
            }
            let items = &mut order.invoice.shipping_items;
            let targets: Vec<usize> = match shipping_item_id {
                Some(id) => {
                    let i = items
                        .iter()
                        .position(|s| s.id == *id)
                        .ok_or(Refusal::NoSuchParcel(*id))?;
                    vec![i]
                }
                None => (0..items.len())
                    .filter(|i| items[*i].status == ShippingItemStatus::Pending)
                    .collect(),
            };
            if targets.is_empty() {
                return Err(Refusal::NothingToShip);
            }
            let mut shipping_changed = false;
            for i in targets {
                let item = &mut items[i];
                if item.status == ShippingItemStatus::Delivered
                    || item.status == ShippingItemStatus::Returned
                {
                    return Err(Refusal::NothingToShip);
                }
                let new = (
                    ShippingItemStatus::Shipped,
                    Some(carrier.to_string()),
                    Some(tracking.to_string()),
                );
                if (
                    item.status,
                    item.carrier.clone(),
                    item.tracking_code.clone(),
                ) != new
                {
                    item.status = new.0;
                    item.carrier = new.1;
                    item.tracking_code = new.2;
                    shipping_changed = true;
                }
            }
            if shipping_changed {
                changed.push(OrderField::Shipping);
            }
            if order.status == OrderStatus::Processing
                && order
                    .invoice
                    .shipping_items
                    .iter()
                    .all(|s| s.status != ShippingItemStatus::Pending)
            {
                set_status(order, OrderStatus::Shipped, at)?;
                changed.push(OrderField::Status);
            }
        }
    }
    Ok(changed)
}
