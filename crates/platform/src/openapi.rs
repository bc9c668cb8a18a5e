//! The platform API as an OpenAPI 3.1 document, generated from the handlers and wire types.
//! `pishkhan-platform openapi` prints it; `docs/platform-api.yaml` is its checked-in copy, and
//! a test fails when the two differ.

use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::routes::{admin, auth, diagnostics, kyc, mutations, store_data, uploads};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Pishkhan platform API",
        version = "1.0.0",
        description = "The merchant API of Pishkhan's reference hosted platform: sign-in and sessions, \
a store's orders and customers, the incremental change feed the app syncs from, and identity \
verification with ID card images uploaded over tus 1.0, and opt-in diagnostics. Money is an \
integer number of Rials; instants are UTC (RFC 3339). Errors answer with `ApiError`. The `/admin` \
routes play the platform's own side for demos and tests and need the instance's admin token."
    ),
    paths(
        auth::health, auth::sign_in, auth::refresh, auth::sign_out, auth::me, auth::sessions, auth::revoke_session,
        store_data::list_orders, store_data::get_order, store_data::list_customers, store_data::get_customer,
        store_data::changes, mutations::apply,
        admin::create_merchant, admin::create_store, admin::create_order, admin::generate_orders, admin::update_order, admin::delete_order,
        admin::create_customer, admin::update_customer, admin::delete_customer, admin::checksum,
        admin::notifications, admin::update_settings, admin::get_order, store_data::update_settings,
        kyc::get_kyc, kyc::submit, kyc::admin_get, kyc::admin_review,
        uploads::options, uploads::create, uploads::offset, uploads::append,
        uploads::admin_info, uploads::admin_content,
        diagnostics::submit, diagnostics::admin_list,
    ),
    modifiers(&Security),
    tags(
        (name = "auth", description = "Sign-in, tokens and sessions"),
        (name = "orders", description = "A store's orders"),
        (name = "stores", description = "A store's settings: SMS to the owner on a new order (email is always on)"),
        (name = "customers", description = "A store's customers"),
        (name = "sync", description = "The change feed"),
        (name = "kyc", description = "Identity verification: the merchant's form and ID card images, and the reviewer's answer"),
        (name = "uploads", description = "tus 1.0 resumable uploads (creation and checksum extensions) of ID card images; every answer carries Tus-Resumable: 1.0.0"),
        (name = "diagnostics", description = "Diagnostic events an app sends only while its merchant has \"share diagnostics\" on (off by default): versions, durations, counts and error codes, never personal data and no identifier; stored without the sender"),
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
