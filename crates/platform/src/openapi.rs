//! The platform API as an OpenAPI 3.1 document, generated from the handlers and wire types.
//! `pishkhan-platform openapi` prints it; `docs/platform-api.yaml` is its checked-in copy, and
//! a test fails when the two differ.

use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::routes::{admin, auth, mutations, store_data};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Pishkhan platform API",
        version = "1.0.0",
        description = "The merchant API of Pishkhan's reference hosted platform: sign-in and sessions, \
a store's orders and customers, and the incremental change feed the app syncs from. Money is an \
integer number of Rials; instants are UTC (RFC 3339). Errors answer with `ApiError`. The `/admin` \
routes play the platform's own side for demos and tests and need the instance's admin token."
    ),
    paths(
        auth::health, auth::sign_in, auth::refresh, auth::sign_out, auth::me, auth::sessions, auth::revoke_session,
        store_data::list_orders, store_data::get_order, store_data::list_customers, store_data::get_customer,
        store_data::changes, mutations::apply,
        admin::create_merchant, admin::create_order, admin::generate_orders, admin::update_order, admin::delete_order,
        admin::create_customer, admin::update_customer, admin::delete_customer, admin::checksum,
        admin::notifications, admin::update_settings, admin::get_order,
    ),
    modifiers(&Security),
    tags(
        (name = "auth", description = "Sign-in, tokens and sessions"),
        (name = "orders", description = "A store's orders"),
        (name = "customers", description = "A store's customers"),
        (name = "sync", description = "The change feed"),
        (name = "admin", description = "The platform's side, for demos and tests"),
    )
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "admin",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::new(
                pishkhan_api::ADMIN_TOKEN_HEADER,
            ))),
        );
    }
}

/// The document as YAML.
pub fn yaml() -> Result<String, crate::PlatformError> {
    ApiDoc::openapi()
        .to_yaml()
        .map_err(|e| crate::PlatformError::Internal(format!("the OpenAPI document: {e}")))
}

#[cfg(test)]
mod tests {
    #[test]
    fn checked_in_document_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/platform-api.yaml");
        let generated = super::yaml().expect("the document serialises");
        let on_disk = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            on_disk == generated,
            "docs/platform-api.yaml is stale: run `cargo run -p pishkhan-platform -- openapi > docs/platform-api.yaml`"
        );
    }
}
