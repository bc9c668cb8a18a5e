//! Review commands: what the orders, customers and dashboard screens read. Everything comes
//! from the local cache, so these work with the network unplugged.

use pishkhan_core::{
    CustomerDetail, CustomerPage, CustomerQuery, Dashboard, DashboardQuery, FilterOptions,
    OrderDetail, OrderPage, OrderQuery,
};
use tauri::State;

use super::{public, CommandResult};
use crate::state::AppState;

#[tauri::command]
pub async fn list_orders(
    state: State<'_, AppState>,
    query: OrderQuery,
) -> CommandResult<OrderPage> {
    public(state.services().await.orders(&query).await)
}

#[tauri::command]
pub async fn count_orders(state: State<'_, AppState>, query: OrderQuery) -> CommandResult<u64> {
    public(state.services().await.count_orders(&query).await)
}

#[tauri::command]
pub async fn order_filter_options(state: State<'_, AppState>) -> CommandResult<FilterOptions> {
    public(state.services().await.order_filter_options().await)
}

#[tauri::command]
pub async fn order_detail(state: State<'_, AppState>, id: i64) -> CommandResult<OrderDetail> {
    public(state.services().await.order_detail(id).await)
}

#[tauri::command]
pub async fn list_customers(
    state: State<'_, AppState>,
    query: CustomerQuery,
) -> CommandResult<CustomerPage> {
    public(state.services().await.customers(&query).await)
}

#[tauri::command]
pub async fn count_customers(
    state: State<'_, AppState>,
    query: CustomerQuery,
) -> CommandResult<u64> {
    public(state.services().await.count_customers(&query).await)
}

#[tauri::command]
pub async fn customer_detail(state: State<'_, AppState>, id: i64) -> CommandResult<CustomerDetail> {
    public(state.services().await.customer_detail(id).await)
}

#[tauri::command]
pub async fn dashboard(
    state: State<'_, AppState>,
    query: DashboardQuery,
) -> CommandResult<Dashboard> {
    public(state.services().await.dashboard(&query).await)
}
