//! What the review screens and the CLI read from the cache: the orders and customers lists,
//! one order or customer, the dashboard, and exports. All of it works offline; each call
//! only requires that someone is signed in (the cache belongs to their store).

use std::path::Path;

use pishkhan_api::Order;

use super::Pishkhan;
use crate::cache::customers::{self, CustomerDetail, CustomerPage, CustomerQuery};
use crate::cache::dashboard::{self, Dashboard, DashboardQuery};
use crate::cache::order_list::{self, FilterOptions, OrderPage, OrderQuery};
use crate::cache::orders::{self, OrderDetail};
use crate::error::Result;
use crate::export::{self, ExportFormat, ExportResult, Language};
use crate::monitoring::ExportedList;

impl Pishkhan {
    pub async fn orders(&self, query: &OrderQuery) -> Result<OrderPage> {
        self.session().await?;
        order_list::list(self.cache().await?.pool(), query).await
    }

    pub async fn count_orders(&self, query: &OrderQuery) -> Result<u64> {
        self.session().await?;
        order_list::count(self.cache().await?.pool(), query).await
    }

    pub async fn order_filter_options(&self) -> Result<FilterOptions> {
        self.session().await?;
        order_list::filter_options(self.cache().await?.pool()).await
    }

    /// The cached order with this number (Persian digits accepted).
    pub async fn order(&self, number: &str) -> Result<Order> {
        self.session().await?;
        orders::by_number(self.cache().await?.pool(), number).await
    }

    pub async fn order_detail(&self, id: i64) -> Result<OrderDetail> {
        self.session().await?;
        orders::detail(self.cache().await?.pool(), id).await
    }

    pub async fn customers(&self, query: &CustomerQuery) -> Result<CustomerPage> {
        self.session().await?;
        customers::list(self.cache().await?.pool(), query).await
    }

    pub async fn count_customers(&self, query: &CustomerQuery) -> Result<u64> {
        self.session().await?;
        customers::count(self.cache().await?.pool(), query).await
    }

    pub async fn customer_detail(&self, id: i64) -> Result<CustomerDetail> {
        self.session().await?;
        customers::detail(self.cache().await?.pool(), id).await
    }

    pub async fn dashboard(&self, query: &DashboardQuery) -> Result<Dashboard> {
        self.session().await?;
        dashboard::compute(self.cache().await?.pool(), query).await
    }

    /// Notes an export for diagnostics (its kind and size only).
    fn record_export(&self, list: ExportedList, format: ExportFormat, rows: u64) {
        self.record_diagnostic(crate::monitoring::export_made(list, format, rows));
    }

    /// Every order matching `query` into the file `dest`.
    pub async fn export_orders(
        &self,
        query: &OrderQuery,
        dest: &Path,
        format: ExportFormat,
        lang: Language,
    ) -> Result<ExportResult> {
        self.session().await?;
        export::orders(self.cache().await?.pool(), query, dest, format, lang)
            .await
            .inspect(|r| self.record_export(ExportedList::Orders, format, r.rows))
    }

    /// Every customer matching `query` into the file `dest`.
    pub async fn export_customers(
        &self,
        query: &CustomerQuery,
        dest: &Path,
        format: ExportFormat,
        lang: Language,
    ) -> Result<ExportResult> {
        self.session().await?;
        export::customers(self.cache().await?.pool(), query, dest, format, lang)
            .await
            .inspect(|r| self.record_export(ExportedList::Customers, format, r.rows))
    }
}
