//! Payment categories.

use lynks_client::PaymentCategoryId;
use wiremock::Mock;
use wiremock::matchers::{method, path};

use crate::common::{bearer, respond, setup};

#[tokio::test]
async fn list() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v2/payment-categories"))
        .and(bearer())
        .respond_with(respond(200, "inferred_payment_categories_200.json"))
        .expect(1)
        .mount(&server)
        .await;
    let categories = client.payment_categories().list().await.unwrap();
    let names: Vec<_> = categories
        .iter()
        .map(|c| c.name.as_deref().unwrap())
        .collect();
    assert_eq!(names, ["Invoice", "Commissions", "Client payment"]);
    assert_eq!(
        categories[0].id,
        PaymentCategoryId::new("e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b")
    );
    assert_eq!(
        categories[0].description.as_deref(),
        Some("Supplier invoices")
    );
    assert_eq!(categories[1].description, None);
}
